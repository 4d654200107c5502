using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using ParkFinder.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace ParkFinder.Functions.Search;

public static class SearchApi
{
    [Function("SearchParks")]
    public static Task SearchParksFunction([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "parks")] HttpRequest req) =>
        FunctionEndpoint.RunAsync(req, SearchParks);

    [Function("GetPark")]
    public static Task GetParkFunction([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "parks/{parkId}")] HttpRequest req) =>
        FunctionEndpoint.RunAsync(req, GetPark);

    [QueryParameters(typeof(SearchParameters)), Microsoft.AspNetCore.Mvc.ProducesResponseType<SearchPage>(200, "application/json")]
    [Tags("Parks"), EndpointSummary("Search parks by place, industry, space type, area, rent, stars, distance and text")]
    public static Results<FileContentHttpResult, ProblemHttpResult> SearchParks(HttpContext context, ParkIndexHolder holder,
        Microsoft.Extensions.Options.IOptions<SearchOptions> options)
    {
        var parameters = new SearchParameters(context.Request.Query);
        var query = parameters.Parse(out var cursorToken);
        if (query is null) return Problems.Invalid(parameters.Errors);
        if (!holder.IsLoaded) return NotReady(context);
        var index = holder.Current;
        query = EcosystemFilters.Resolve(query, index.Definitions, parameters.Errors);
        if (parameters.Errors.Count > 0) return Problems.Invalid(parameters.Errors);
        var fingerprint = query.Fingerprint();
        if (cursorToken is not null)
        {
            var cursor = SearchCursor.TryDecode(cursorToken, fingerprint);
            if (cursor is null) return Problems.Invalid("cursor", "is not a cursor of this search (use nextCursor as returned)", "invalid_cursor");
            query = query with { After = cursor };
        }

        // The key is the validated query (filters, sort, page size and position), so equivalent URLs share an entry.
        var key = fingerprint + "|" + query.Limit + "|" + cursorToken;
        // Searches around a user's position are one-offs: caching them would only crowd out the shared ones.
        var capacity = query.Lat is null ? options.Value.ResponseCacheEntries : 0;
        var body = index.CachedResponse(key, capacity, () => Write(index.Search(query), fingerprint, IndexedPark.MaskOf(query.SpaceTypes), query.IncludeStale));
        return TypedResults.File(body, "application/json; charset=utf-8");
    }

    [EndpointSummary("A park's details")]
    [Tags("Parks")]
    public static async Task<Results<Ok<ParkDetail>, ProblemHttpResult>> GetPark(string parkId, HttpContext context, ParkIndexHolder holder,
        Leads.ResponsivenessCache responsiveness, CancellationToken cancellationToken)
    {
        if (!holder.IsLoaded) return NotReady(context);
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

    // The items are pre-serialised per park at index build (and per space-type filter, when it
    // narrows the park's figures); only distanceKm and the page envelope are written here. The body is
    // measured first and allocated once at its size: at thousands of searches a second, a growing
    // buffer and its copy were a third of the bytes a search allocated.
    private static byte[] Write(SearchResult result, string fingerprint, int typeMask, bool includeStale)
    {
        var summaries = new byte[result.Items.Count][];
        // At most: the envelope, the total's digits and closing brace, and per item a comma, a distance and a brace.
        var length = Open.Length + Close.Length + Total.Length + 12 + result.Items.Count * (2 + Distance.Length + 32);
        for (var i = 0; i < summaries.Length; i++) length += (summaries[i] = result.Items[i].Park.SummaryJsonOpenFor(typeMask, includeStale)).Length;
        var next = result.Next is null ? "null"u8.ToArray() : JsonSerializer.SerializeToUtf8Bytes(result.Next.Encode(fingerprint));
        var scratch = ArrayPool<byte>.Shared.Rent(length + next.Length);
        try
        {
            var at = 0;
            void Put(ReadOnlySpan<byte> bytes) { bytes.CopyTo(scratch.AsSpan(at)); at += bytes.Length; }
            Put(Open);
            for (var i = 0; i < summaries.Length; i++)
            {
                if (i > 0) Put(","u8);
                Put(summaries[i]);
                if (result.Items[i].DistanceKm is { } d)
                {
                    Put(Distance);
                    d.TryFormat(scratch.AsSpan(at), out var written, "0.##", CultureInfo.InvariantCulture);
                    at += written;
                }
                Put("}"u8);
            }
            Put(Close);
            Put(next);
            Put(Total);
            result.Total.TryFormat(scratch.AsSpan(at), out var digits, default, CultureInfo.InvariantCulture);
            at += digits;
            Put("}"u8);
            return scratch.AsSpan(0, at).ToArray();
        }
        finally { ArrayPool<byte>.Shared.Return(scratch); }
    }

    private static ReadOnlySpan<byte> Open => "{\"items\":["u8;
    private static ReadOnlySpan<byte> Distance => ",\"distanceKm\":"u8;
    private static ReadOnlySpan<byte> Close => "],\"nextCursor\":"u8;
    private static ReadOnlySpan<byte> Total => ",\"total\":"u8;
}
