using ParkFinder.Functions.Auth;
using Azure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Leases;
using ParkFinder.Functions.Parks;
using ParkFinder.Functions.WeChat;

namespace ParkFinder.Functions.Ecosystem;

public sealed record EnterpriseList(string ParkId, IReadOnlyList<Enterprise> Items);

public sealed record EnterpriseImportResult(string ParkId, int Enterprises);

// A park's enterprises (入驻企业): public to read, kept by the park's landlords. Every change of an
// existing one names the version it changes (If-Match); names and industries pass WeChat content
// security before they are stored, so nothing unchecked is ever shown.
public static partial class EnterprisesApi
{
    public const long MaxImportBytes = 2 * 1024 * 1024;

    // What an enterprise write works with (the park, the definitions, the stores, WeChat content security), bound as one parameter.
    public sealed record WriteServices(IParkIndex Index, IEcosystemIndex EcosystemIndex, EnterpriseStore Store, ParkStore Parks, UserStore Users,
        WeChatClient WeChat, TimeProvider Time);

    [HttpEndpoint("ListEnterprises", "get", "parks/{parkId}/enterprises"), RequireIndex]
    [EndpointSummary("A park's enterprises, anchors first")]
    [Tags("Ecosystem")]
    public static async Task<Results<Ok<EnterpriseList>, ProblemHttpResult>> List(string parkId, HttpContext context, IParkIndex index, EnterpriseStore store,
        CancellationToken cancellationToken)
    {
        if (UnknownPark(parkId, context, index) is { } unknown) return unknown;
        var items = (await store.ListAsync(parkId, cancellationToken))
            .OrderBy(e => e.Role == EnterpriseRoles.Anchor ? 0 : e.Role == EnterpriseRoles.Supporting ? 1 : 2).ThenBy(e => e.Name, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new EnterpriseList(parkId, items));
    }

    [HttpEndpoint("CreateEnterprise", "post", "parks/{parkId}/enterprises"), RequireLandlordOfPark, RequireIndex]
    [EndpointSummary("Add an enterprise to the park")]
    [Tags("Ecosystem")]
    [ProblemResponse(409, "enterprise_exists (the park already lists this name; enterpriseId names it)")]
    [ProblemResponse(422, "content_rejected (WeChat content security)")]
    public static async Task<Results<Created<Enterprise>, ProblemHttpResult>> Create(string parkId, EnterpriseInput input, HttpContext context,
        [AsParameters] WriteServices services, CancellationToken cancellationToken)
    {
        var (index, ecosystemIndex, store, parks, users, wechat, time) = services;
        if (UnknownPark(parkId, context, index) is { } unknown) return unknown;
        var definitions = ecosystemIndex.Definitions;
        if (Invalid(input, definitions, time) is { } invalid) return invalid;
        if (await ContentSecurity.CheckAsync(context, users, wechat, [input.Name!.Trim(), input.Industry!.Trim()], ContentSecurity.ProfileScene,
                acceptReview: false, cancellationToken) is { } rejected) return rejected;
        var listed = await store.ListAsync(parkId, cancellationToken);
        // One name once per park, renamed ones included.
        if (listed.FirstOrDefault(e => e.Name == input.Name!.Trim()) is { } named) return Exists(named.Id);
        if (listed.Count >= EnterpriseInputs.MaxPerPark)
            return Problems.Create(409, "enterprise_limit_reached", "The park lists as many enterprises as it may.", $"At most {EnterpriseInputs.MaxPerPark} per park.");
        // A fresh id: a name's id may already belong to an enterprise renamed since.
        var enterprise = EnterpriseInputs.ToEnterprise(EnterpriseStore.NewId(), input, definitions, time.GetUtcNow());
        if (await store.TryCreateAsync(parkId, enterprise, cancellationToken) is not { } etag) return Exists(enterprise.Id);
        await AfterWriteAsync(parkId, index, parks, context, etag, cancellationToken);
        return TypedResults.Created($"/api/parks/{parkId}/enterprises/{enterprise.Id}", enterprise with { Etag = etag.ToString() });
    }

    [HttpEndpoint("ReplaceEnterprise", "put", "parks/{parkId}/enterprises/{enterpriseId}"), RequireLandlordOfPark, RequireIfMatch("the enterprise"), RequireIndex]
    [EndpointSummary("Replace an enterprise (If-Match required)")]
    [Tags("Ecosystem")]
    [ProblemResponse(422, "content_rejected (WeChat content security)")]
    public static async Task<Results<Ok<Enterprise>, ProblemHttpResult>> Replace(string parkId, string enterpriseId, EnterpriseInput input, HttpContext context,
        [AsParameters] WriteServices services, CancellationToken cancellationToken)
    {
        var (index, ecosystemIndex, store, parks, users, wechat, time) = services;
        if (Unknown(parkId, enterpriseId, context, index) is { } unknown) return unknown;
        var ifMatch = context.Request.Headers.IfMatch.ToString();
        var definitions = ecosystemIndex.Definitions;
        if (Invalid(input, definitions, time) is { } invalid) return invalid;
        var current = await store.GetAsync(parkId, enterpriseId, cancellationToken);
        if (current is null) return NotFound(parkId, enterpriseId);
        if (ifMatch != "*" && ifMatch != current.Etag) return Stale();
        if ((await store.ListAsync(parkId, cancellationToken)).FirstOrDefault(e => e.Name == input.Name!.Trim() && e.Id != enterpriseId) is { } named)
            return Exists(named.Id);
        if (await ContentSecurity.CheckAsync(context, users, wechat, [input.Name!.Trim(), input.Industry!.Trim()], ContentSecurity.ProfileScene,
                acceptReview: false, cancellationToken) is { } rejected) return rejected;
        var enterprise = EnterpriseInputs.ToEnterprise(enterpriseId, input, definitions, time.GetUtcNow());
        if (await store.TryReplaceAsync(parkId, enterprise, new ETag(ifMatch == "*" ? current.Etag! : ifMatch), cancellationToken) is not { } etag) return Stale();
        await AfterWriteAsync(parkId, index, parks, context, etag, cancellationToken);
        return TypedResults.Ok(enterprise with { Etag = etag.ToString() });
    }

    [HttpEndpoint("DeleteEnterprise", "delete", "parks/{parkId}/enterprises/{enterpriseId}"), RequireLandlordOfPark, RequireIfMatch("the enterprise"), RequireIndex]
    [EndpointSummary("Delete an enterprise (If-Match required)")]
    [Tags("Ecosystem")]
    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(string parkId, string enterpriseId, HttpContext context, [AsParameters] WriteServices services, CancellationToken cancellationToken)
    {
        var (index, _, store, parks, _, _, _) = services;
        if (Unknown(parkId, enterpriseId, context, index) is { } unknown) return unknown;
        var ifMatch = context.Request.Headers.IfMatch.ToString();
        if (await store.GetAsync(parkId, enterpriseId, cancellationToken) is null) return NotFound(parkId, enterpriseId);
        if (!await store.TryDeleteAsync(parkId, enterpriseId, ifMatch == "*" ? ETag.All : new ETag(ifMatch), cancellationToken)) return Stale();
        await AfterWriteAsync(parkId, index, parks, context, null, cancellationToken);
        return TypedResults.NoContent();
    }

    [HttpEndpoint("ImportEnterprises", "post", "parks/{parkId}/enterprises/import"), RequireLandlordOfPark, RequireIndex]
    [EndpointSummary("Replace the park's enterprises with a CSV file (UTF-8 or GBK, Chinese or English headers; validated whole)")]
    [Tags("Ecosystem")]
    [DocumentedBody(null, "text/csv"), ProblemResponse(413, "payload_too_large"), ProblemResponse(415, "unsupported_media_type")]
    [ProblemResponse(422, "content_rejected (WeChat content security)")]
    public static async Task<Results<Ok<EnterpriseImportResult>, ProblemHttpResult>> Import(string parkId, HttpContext context,
        [AsParameters] WriteServices services, CancellationToken cancellationToken)
    {
        var (index, ecosystemIndex, store, parks, users, wechat, time) = services;
        if (UnknownPark(parkId, context, index) is { } unknown) return unknown;
        var request = context.Request;
        var mediaType = request.GetTypedHeaders().ContentType?.MediaType.Value?.ToLowerInvariant();
        if (mediaType is not ("text/csv" or "application/csv"))
            return Problems.Create(415, "unsupported_media_type", "Send the file as text/csv.", $"'{Problems.Short(mediaType)}' is not accepted.");
        if (request.ContentLength > MaxImportBytes) return TooLarge();
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxImportBytes + 1;
        using var buffer = new MemoryStream();
        var read = new byte[81920];
        int n;
        while ((n = await request.Body.ReadAsync(read, cancellationToken)) > 0)
        {
            buffer.Write(read, 0, n);
            if (buffer.Length > MaxImportBytes) return TooLarge();
        }
        var definitions = ecosystemIndex.Definitions;
        var (rows, errors) = EnterpriseInputs.ParseCsv(buffer.ToArray(), definitions, time.GetUtcNow().Year);
        if (errors.Count > 0)
        {
            var problem = Problems.Invalid(errors.GroupBy(e => $"row {e.Row}: {e.Column}").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                "invalid_import", $"{errors.Select(e => e.Row).Distinct().Count()} row(s) are invalid; nothing was written.");
            problem.ProblemDetails.Extensions["rows"] = errors;
            return problem;
        }
        // Texts already listed passed content security when they were stored: only new ones are sent.
        var listed = await store.ListAsync(parkId, cancellationToken);
        var known = listed.SelectMany(e => new[] { e.Name, e.Industry }).ToHashSet(StringComparer.Ordinal);
        if (await ContentSecurity.CheckAsync(context, users, wechat, rows.SelectMany(r => new[] { r.Name!.Trim(), r.Industry!.Trim() }).Where(t => !known.Contains(t)),
                ContentSecurity.ProfileScene, acceptReview: false, cancellationToken) is { } rejected) return rejected;
        var now = time.GetUtcNow();
        // A name already listed keeps its id, so links to it survive a re-import.
        var ids = listed.ToDictionary(e => e.Name, e => e.Id, StringComparer.Ordinal);
        try
        {
            await store.ReplaceAllAsync(parkId, rows.Select(r => EnterpriseInputs.ToEnterprise(ids.GetValueOrDefault(r.Name!.Trim()) ?? EnterpriseStore.NewId(), r,
                definitions, now)).ToList(), cancellationToken);
        }
        finally
        {
            // Even a half-written import (a failed chunk) reaches the index, as the table holds it.
            await AfterWriteAsync(parkId, index, parks, context, null, CancellationToken.None);
        }
        return TypedResults.Ok(new EnterpriseImportResult(parkId, rows.Count));
    }

    // This instance's index shows the change at once; others replay the park's change record.
    private static async Task AfterWriteAsync(string parkId, IParkIndex index, ParkStore parks, HttpContext context, ETag? etag, CancellationToken cancellationToken)
    {
        if (etag is { } e) context.Response.Headers.ETag = e.ToString();
        await parks.RecordParkChangeAsync(parkId, cancellationToken);
        await index.ApplyParkChangeAsync(parkId, cancellationToken);
    }

    private static ProblemHttpResult? Invalid(EnterpriseInput input, EcosystemDefinitions definitions, TimeProvider time)
    {
        var errors = EnterpriseInputs.Validate(input, definitions, time.GetUtcNow().Year);
        return errors.Count == 0 ? null : Problems.Invalid(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
    }

    // Only once this instance's index has loaded ([RequireIndex]: 503 before), so an unknown park is a 404.
    private static ProblemHttpResult? UnknownPark(string parkId, HttpContext context, IParkIndex index) =>
        !index.Contains(parkId) ? Problems.ParkNotFound(parkId) : null;

    private static ProblemHttpResult? Unknown(string parkId, string enterpriseId, HttpContext context, IParkIndex index) =>
        UnknownPark(parkId, context, index) is { } unknown ? unknown
        : !ParkValidation.IdPattern().IsMatch(enterpriseId) ? NotFound(parkId, enterpriseId)
        : null;

    private static ProblemHttpResult NotFound(string parkId, string enterpriseId) =>
        Problems.NotFound("enterprise_not_found", $"Park '{Problems.Short(parkId)}' lists no enterprise '{Problems.Short(enterpriseId)}'.");

    private static ProblemHttpResult Exists(string enterpriseId)
    {
        var exists = Problems.Create(409, "enterprise_exists", "The park already lists an enterprise of this name.", "Change that one with PUT and its ETag instead.");
        exists.ProblemDetails.Extensions["enterpriseId"] = enterpriseId;
        return exists;
    }

    private static ProblemHttpResult Stale() => Problems.EtagMismatch("the enterprise");

    private static ProblemHttpResult TooLarge() =>
        Problems.Create(413, "payload_too_large", "The file is too large.", $"At most {MaxImportBytes / 1024 / 1024} MB.");
}
