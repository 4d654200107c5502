using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Search.Understanding;
using Microsoft.Azure.Functions.Worker;

namespace ParkFinder.Functions.Search;

public static partial class SearchApi
{
    [HttpEndpoint("SearchParks", "get", "parks")]
    [QueryParameters(typeof(SearchParameters)), Microsoft.AspNetCore.Mvc.ProducesResponseType<SearchPage>(200, "application/json")]
    [Tags("Parks"), EndpointSummary("Search parks by place, industry, space type, area, rent, stars, distance and text")]
    public static Results<FileContentHttpResult, ProblemHttpResult> SearchParks(HttpContext context, ParkIndexHolder holder,
        Microsoft.Extensions.Options.IOptions<SearchOptions> options)
    {
        if (SearchRequest.Read(context, holder, [], out var problem) is not { } request) return problem!;
        var (index, reading, parameters, query, cursorToken) = request;
        var fingerprint = query.Fingerprint();
        if (cursorToken is not null)
        {
            var cursor = SearchCursor.TryDecode(cursorToken, fingerprint);
            if (cursor is null) return Problems.Invalid("cursor", "is not a cursor of this search (use nextCursor as returned)", "invalid_cursor");
            query = query with { After = cursor };
        }

        // The key is the validated query (filters, sort, page size and position), so equivalent URLs share an entry.
        // With q, what the line was read as is part of the answer: keyed by the request's own query string too.
        var facets = parameters.Facets;
        var key = fingerprint + "|" + query.Limit + "|" + cursorToken + (reading is null && facets.Length == 0 ? "" : "|" + context.Request.QueryString.Value);
        // Searches around a user's position are one-offs: caching them would only crowd out the shared ones.
        var capacity = query.Lat is null ? options.Value.ResponseCacheEntries : 0;
        ReadOnlySpan<byte> Page()
        {
            var result = index.Search(query);
            // Never a bare "no results": what one change would find (the first page of a search only).
            var relaxations = result.Total == 0 && query.After is null ? Relaxations.For(index, query) : null;
            var counts = facets.Length == 0 ? null : index.Facets(query, facets);
            return WritePage(result, fingerprint, IndexedPark.MaskOf(query.SpaceTypes), query.IncludeStale, reading, relaxations, counts);
        }
        if (capacity == 0)
        {
            // Not kept, so not allocated: the page goes out from a pooled buffer, returned once the response is sent.
            var page = Page();
            var pooled = ArrayPool<byte>.Shared.Rent(page.Length);
            page.CopyTo(pooled);
            context.Response.RegisterForDispose(new ReturnToPool(pooled));
            return TypedResults.Bytes(pooled.AsMemory(0, page.Length), "application/json; charset=utf-8");
        }
        var body = index.CachedResponse(key, capacity, () => Page().ToArray());
        return TypedResults.File(body, "application/json; charset=utf-8");
    }

    [HttpEndpoint("GetPark", "get", "parks/{parkId}"), RequireIndex]
    [EndpointSummary("A park's details")]
    [Tags("Parks")]
    public static async Task<Results<Ok<ParkDetail>, ProblemHttpResult>> GetPark(string parkId, ParkIndexHolder holder,
        Leads.ResponsivenessCache responsiveness, CancellationToken cancellationToken)
    {
        var park = holder.Current.Find(parkId);
        return park is null
            ? Problems.ParkNotFound(parkId)
            : TypedResults.Ok(park.ToDetail() with { Responsiveness = await responsiveness.GetAsync(parkId, cancellationToken) });
    }

    internal static ProblemHttpResult NotReady(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "2";
        return Problems.Create(503, "index_loading", "The park index is still loading.", "Try again in a moment.");
    }

    // The items are pre-serialised per park when first shown (a space-type filter that narrows a park's
    // figures splices that type's figures in); only distanceKm and the page envelope are written here.
    // The page is written into this thread's buffer, valid until the thread writes the next, and copied
    // out once at its size: at thousands of searches a second, a new growing buffer and its copy per
    // search were a third of what one allocated.
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_page;

    private static ReadOnlySpan<byte> WritePage(SearchResult result, string fingerprint, int typeMask, bool includeStale,
        SearchBoxReading? reading, IReadOnlyList<Relaxation>? relaxations, Dictionary<string, IReadOnlyList<FacetValue>>? facets)
    {
        if (t_page is null || t_page.Capacity > 256 * 1024) t_page = new ArrayBufferWriter<byte>(16 * 1024); // a rare huge page does not stay
        var page = t_page;
        page.ResetWrittenCount();
        page.Write(Open);
        for (var i = 0; i < result.Items.Count; i++)
        {
            if (i > 0) page.Write(","u8);
            var hit = result.Items[i];
            hit.Park.WriteSummaryOpen(page, typeMask, includeStale);
            if (hit.DistanceKm is { } d)
            {
                page.Write(Distance);
                d.TryFormat(page.GetSpan(32), out var written, "0.##", CultureInfo.InvariantCulture);
                page.Advance(written);
            }
            page.Write("}"u8);
        }
        page.Write(Close);
        page.Write(result.Next is null ? "null"u8 : JsonSerializer.SerializeToUtf8Bytes(result.Next.Encode(fingerprint)));
        page.Write(Total);
        result.Total.TryFormat(page.GetSpan(11), out var digits, default, CultureInfo.InvariantCulture);
        page.Advance(digits);
        if (reading is not null || relaxations is not null || facets is not null) SearchPageExtras.Write(page, reading, relaxations, facets);
        page.Write("}"u8);
        return page.WrittenSpan;
    }

    private sealed class ReturnToPool(byte[] array) : IDisposable
    {
        public void Dispose() => ArrayPool<byte>.Shared.Return(array);
    }

    private static ReadOnlySpan<byte> Open => "{\"items\":["u8;
    private static ReadOnlySpan<byte> Distance => ",\"distanceKm\":"u8;
    private static ReadOnlySpan<byte> Close => "],\"nextCursor\":"u8;
    private static ReadOnlySpan<byte> Total => ",\"total\":"u8;
}
