using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Microsoft.AspNetCore.Http.HttpResults;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Parks;
using Microsoft.Azure.Functions.Worker;

namespace ParkFinder.Functions.Units;

// Landlords keep their units current. Every change of an existing unit names the version it
// changes (If-Match): a stale one gets 412, a missing one 428, so no write silently overwrites another.
public static partial class UnitWritesApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const string Resource = "the unit";

    // What a unit write works with, bound as one parameter ([AsParameters]).
    public sealed record WriteServices(UnitStore Units, IParkIndex Index, ParkStore Parks, AvailabilityEvents Events, TimeProvider Time);

    [HttpEndpoint("PutUnit", "put", "parks/{parkId}/units/{unitId}"), RequireLandlordOfPark, RequireIfMatch(Resource, OptionalToCreate = true)]
    [EndpointSummary("Create or replace a unit (If-Match to replace)")]
    [Tags("Landlords")]
    [DocumentedBody(typeof(Unit), "application/json")]
    public static async Task<Results<Ok<UnitView>, Created<UnitView>, ProblemHttpResult>> PutUnit(string parkId, string unitId, HttpContext context,
        [AsParameters] WriteServices services, CancellationToken cancellationToken)
    {
        var (units, index, store, events, time) = services;
        if (!index.Contains(parkId)) return Problems.ParkNotFound(parkId);
        var (unit, bad) = await ReadAsync<Unit>(context, cancellationToken);
        if (bad is not null) return bad;
        if (!string.IsNullOrEmpty(unit!.Id) && unit.Id != unitId) return Problems.Invalid("id", "must match the unit id in the path");
        unit.Id = unitId;
        if (Invalid(unit) is { } invalid) return invalid;
        ParkValidation.NormalizeUnit(unit);
        unit.UpdatedAt = time.GetUtcNow();

        var ifMatch = context.Request.Headers.IfMatch.ToString();
        var existing = await units.GetAsync(parkId, unitId, cancellationToken);
        if (existing is null && ifMatch.Length > 0 && ifMatch != "*") return Stale();
        if (existing is not null && ifMatch.Length == 0) return EtagRequired();
        // Null: someone else created, changed or deleted it in between.
        var written = existing is null
            ? await units.TryCreateAsync(parkId, unit, By(context), cancellationToken)
            : await units.TryReplaceAsync(parkId, existing, unit, new ETag(ifMatch), By(context), cancellationToken);
        if (written is not { } etag) return Stale();
        unit.ETag = etag.ToString();
        if (AvailabilityEvents.BecameAvailable(existing?.Status, unit.Status)) await events.RecordAsync(parkId, unitId, cancellationToken);
        await AfterWriteAsync(parkId, index, store, context, etag, cancellationToken);
        var view = UnitView.Of(unit);
        return existing is null ? TypedResults.Created($"/api/parks/{parkId}/units/{unitId}", view) : TypedResults.Ok(view);
    }

    [HttpEndpoint("PatchUnit", "patch", "parks/{parkId}/units/{unitId}"), RequireLandlordOfPark, RequireIfMatch(Resource)]
    [EndpointSummary("Change some fields of a unit (If-Match required)")]
    [Tags("Landlords")]
    [DocumentedBody(typeof(Unit), "application/json")] // any subset of a unit's fields; null clears one
    public static async Task<Results<Ok<UnitView>, ProblemHttpResult>> PatchUnit(string parkId, string unitId, HttpContext context,
        [AsParameters] WriteServices services, CancellationToken cancellationToken)
    {
        var (units, index, store, events, time) = services;
        if (UnknownUnit(parkId, unitId, index) is { } unknown) return unknown;
        var ifMatch = context.Request.Headers.IfMatch.ToString();
        var (patch, bad) = await ReadAsync<JsonObject>(context, cancellationToken);
        if (bad is not null) return bad;
        var current = await units.GetAsync(parkId, unitId, cancellationToken);
        if (current is null) return Problems.NotFound("unit_not_found", $"Park '{Problems.Short(parkId)}' has no unit '{Problems.Short(unitId)}'.");
        if (ifMatch != "*" && ifMatch != current.ETag) return Stale();

        // Apply the patch to the stored unit's JSON form, so absent fields stay and null clears.
        var merged = JsonSerializer.SerializeToNode(current, Json)!.AsObject();
        foreach (var (name, value) in patch!)
        {
            // A field named in another case replaces the stored one (names match ignoring case, as in a PUT).
            var field = merged.Select(p => p.Key).FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase)) ?? name;
            if (field.ToLowerInvariant() is "id" or "etag" or "updatedat") continue;
            merged[field] = value?.DeepClone();
        }
        Unit unit;
        try
        {
            unit = merged.Deserialize<Unit>(Json) ?? throw new JsonException("empty");
        }
        catch (JsonException ex)
        {
            return Problems.Invalid(new Dictionary<string, string[]> { [ex.Path ?? "$"] = [ex.Message] }, "invalid_json");
        }
        unit.Id = unitId;
        if (Invalid(unit) is { } invalid) return invalid;
        ParkValidation.NormalizeUnit(unit);
        unit.UpdatedAt = time.GetUtcNow();
        if (await units.TryReplaceAsync(parkId, current, unit, new ETag(ifMatch == "*" ? current.ETag! : ifMatch), By(context), cancellationToken) is not { } etag)
            return Stale();
        unit.ETag = etag.ToString();
        if (AvailabilityEvents.BecameAvailable(current.Status, unit.Status)) await events.RecordAsync(parkId, unitId, cancellationToken);
        await AfterWriteAsync(parkId, index, store, context, etag, cancellationToken);
        return TypedResults.Ok(UnitView.Of(unit));
    }

    [HttpEndpoint("DeleteUnit", "delete", "parks/{parkId}/units/{unitId}"), RequireLandlordOfPark, RequireIfMatch(Resource)]
    [EndpointSummary("Delete a unit (If-Match required)")]
    [Tags("Landlords")]
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteUnit(string parkId, string unitId, HttpContext context,
        [AsParameters] WriteServices services, CancellationToken cancellationToken)
    {
        var (units, index, store, _, time) = services;
        if (UnknownUnit(parkId, unitId, index) is { } unknown) return unknown;
        var ifMatch = context.Request.Headers.IfMatch.ToString();
        if (await units.GetAsync(parkId, unitId, cancellationToken) is not { } current)
            return Problems.NotFound("unit_not_found", $"Park '{Problems.Short(parkId)}' has no unit '{Problems.Short(unitId)}'.");
        if (!await units.TryDeleteAsync(parkId, current, ifMatch == "*" ? ETag.All : new ETag(ifMatch), By(context), time.GetUtcNow(), cancellationToken))
            return Stale();
        await AfterWriteAsync(parkId, index, store, context, null, cancellationToken);
        return TypedResults.NoContent();
    }

    public sealed record ConfirmResponse(string ParkId, DateTimeOffset LastConfirmedAt);

    [HttpEndpoint("ConfirmAvailability", "post", "parks/{parkId}/availability/confirm"), RequireLandlordOfPark]
    [EndpointSummary("Confirm that the park's availability is current")]
    [Tags("Landlords")]
    public static async Task<Results<Ok<ConfirmResponse>, ProblemHttpResult>> ConfirmAvailability(string parkId, IParkIndex index,
        ParkStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (index.Find(parkId) is not { } park) return Problems.ParkNotFound(parkId);
        var now = time.GetUtcNow();
        await store.ConfirmAvailabilityAsync(park.City.Code, parkId, now, cancellationToken);
        await index.ApplyParkChangeAsync(parkId, cancellationToken);
        return TypedResults.Ok(new ConfirmResponse(parkId, now));
    }

    // The writer's next search on this instance shows the change; other instances see the version move.
    private static async Task AfterWriteAsync(string parkId, IParkIndex index, ParkStore store, HttpContext context, ETag? etag, CancellationToken cancellationToken)
    {
        if (etag is { } e) context.Response.Headers.ETag = e.ToString();
        await store.RecordParkChangeAsync(parkId, cancellationToken);
        await index.ApplyParkChangeAsync(parkId, cancellationToken);
    }

    // The signed-in landlord or operator, as the unit's history names them.
    private static ChangedBy By(HttpContext context) => new(CurrentUser.From(context)!.Id);

    // Ids that cannot name a stored unit are answered here, before they reach a table key.
    private static ProblemHttpResult? UnknownUnit(string parkId, string unitId, IParkIndex index) =>
        !index.Contains(parkId) ? Problems.ParkNotFound(parkId)
        : !ParkValidation.IdPattern().IsMatch(unitId) ? Problems.NotFound("unit_not_found", $"Park '{Problems.Short(parkId)}' has no unit '{Problems.Short(unitId)}'.")
        : null;

    private static ProblemHttpResult? Invalid(Unit unit)
    {
        var errors = ParkValidation.ValidateUnit(unit).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        return errors.Count == 0 ? null : Problems.Invalid(errors);
    }

    private static async Task<(T?, ProblemHttpResult?)> ReadAsync<T>(HttpContext context, CancellationToken cancellationToken) where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, JsonBodies.Options, cancellationToken);
            return value is null ? (null, Problems.Invalid("$", "a JSON object is required", "invalid_json")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Problems.Invalid(new Dictionary<string, string[]> { [ex.Path ?? "$"] = [ex.Message] }, "invalid_json"));
        }
    }

    private static ProblemHttpResult Stale() => Problems.EtagMismatch(Resource);

    private static ProblemHttpResult EtagRequired() => Problems.EtagRequired(Resource);
}
