using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Leads;
using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Search;
using ParkFinder.Functions.Trends;

namespace ParkFinder.Functions.Scorecards;

// The park scorecard: a third-party assessment against the operators' indicator tree, its star level
// by a documented rule, and beside it the indicators we measure ourselves, each with source and date.
public static partial class ScorecardApi
{
    [HttpEndpoint("GetScorecardIndicators", "get", "scorecard/indicators")]
    [EndpointSummary("The scorecard's indicator tree (groups, indicators, weights)")]
    [Tags("Scorecard")]
    public static async Task<Ok<IndicatorTree>> GetIndicators(ScorecardStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.GetTreeAsync(cancellationToken));

    // What a scorecard is made from, bound as one parameter ([AsParameters]).
    public sealed record CardServices(ParkIndexHolder Holder, ScorecardStore Store, ParkStore Parks, ResponsivenessCache Responsiveness, TrendStore Trends, TimeProvider Time);

    [HttpEndpoint("GetParkScorecard", "get", "parks/{parkId}/scorecard"), RequireIndex]
    [EndpointSummary("A park's scorecard: assessed figures and star level, and the figures we measure, each with source and date")]
    [Tags("Scorecard")]
    public static async Task<Results<Ok<Scorecard>, ProblemHttpResult>> GetScorecard(string parkId, [AsParameters] CardServices services, CancellationToken cancellationToken)
    {
        var (holder, store, _, responsiveness, trends, time) = services;
        if (holder.Current.Find(parkId) is not { } park) return Problems.ParkNotFound(parkId);
        var assessment = await store.GetAssessmentAsync(parkId, cancellationToken);
        var assessed = assessment is null ? null : StarRule.Assess(await store.GetTreeAsync(cancellationToken), assessment);
        return TypedResults.Ok(await CardAsync(park, assessed, holder.Current.BuiltAt, responsiveness, trends, time, cancellationToken));
    }

    [HttpEndpoint("ReplaceScorecardIndicators", "put", "admin/scorecard/indicators", Level = AuthorizationLevel.Function), RequireAdmin]
    [EndpointSummary("Replace the scorecard's indicator tree")]
    [Tags("Admin")]
    public static async Task<Results<Ok<IndicatorTree>, ProblemHttpResult>> ReplaceIndicators(IndicatorTree tree, ScorecardStore store, ParkStore parks,
        ParkIndexHolder holder, CancellationToken cancellationToken)
    {
        var errors = tree.Validate();
        if (errors.Count > 0) return Problems.Invalid(errors, "invalid_indicators", $"{errors.Count} field(s) are invalid; the tree in use is unchanged.");
        await store.SaveTreeAsync(tree, cancellationToken);
        // Star levels follow the new tree; a park whose assessment does not cover it keeps its stars until reassessed.
        foreach (var (parkId, stars) in await store.AssessedStarsAsync(cancellationToken))
            if (holder.Current.Find(parkId) is { } park && park.Park.Stars != stars)
            {
                await parks.SetStarsAsync(park.Park.City.Code, parkId, stars, cancellationToken);
                await holder.ApplyParkChangeAsync(parkId, cancellationToken);
            }
        return TypedResults.Ok(tree);
    }

    [HttpEndpoint("ImportAssessment", "put", "admin/parks/{parkId}/scorecard", Level = AuthorizationLevel.Function), RequireAdmin, RequireIndex]
    [EndpointSummary("Import a park's assessment (every indicator 0-100, with assessor, date and source); its star level becomes the park's stars")]
    [Tags("Admin")]
    public static async Task<Results<Ok<Scorecard>, ProblemHttpResult>> ImportAssessment(string parkId, Assessment assessment, [AsParameters] CardServices services, CancellationToken cancellationToken)
    {
        var (holder, store, parks, responsiveness, trends, time) = services;
        if (holder.Current.Find(parkId) is not { } park) return Problems.ParkNotFound(parkId);
        var tree = await store.GetTreeAsync(cancellationToken);
        var errors = new Dictionary<string, string[]>();
        if (assessment.Assessor is not { Length: > 0 and <= 100 } || string.IsNullOrWhiteSpace(assessment.Assessor)) errors["assessor"] = ["is required, at most 100 characters"];
        if (assessment.Source is not { Length: > 0 and <= 200 } || string.IsNullOrWhiteSpace(assessment.Source)) errors["source"] = ["is required (the report or programme), at most 200 characters"];
        if (assessment.Date == default || assessment.Date > DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)) errors["date"] = ["is required and not in the future"];
        var values = assessment.Values ?? [];
        var known = tree.Indicators.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, value) in values)
            if (!known.Contains(id)) errors[$"values.{id}"] = ["is not an indicator of GET /api/scorecard/indicators"];
            else if (!(value >= 0 && value <= 100)) errors[$"values.{id}"] = ["must be 0 to 100"];
        var missing = known.Where(id => !values.ContainsKey(id)).ToList();
        if (missing.Count > 0) errors["values"] = ["every indicator needs a value; missing: " + string.Join(", ", missing)];
        if (errors.Count > 0) return Problems.Invalid(errors);

        var stored = assessment with { Assessor = assessment.Assessor!.Trim(), Source = assessment.Source!.Trim() };
        await store.SaveAssessmentAsync(parkId, stored, cancellationToken);
        var assessed = StarRule.Assess(tree, stored); // complete, so it has a total and a star level
        await parks.SetStarsAsync(park.Park.City.Code, parkId, assessed.Stars!.Value, cancellationToken);
        await holder.ApplyParkChangeAsync(parkId, cancellationToken);
        return TypedResults.Ok(await CardAsync(holder.Current.Find(parkId)!, assessed, holder.Current.BuiltAt, responsiveness, trends, time, cancellationToken));
    }

    private static async Task<Scorecard> CardAsync(IndexedPark park, AssessedScorecard? assessed, DateTimeOffset indexBuiltAt, ResponsivenessCache responsiveness,
        TrendStore trends, TimeProvider time, CancellationToken cancellationToken) =>
        new(park.Park.Id, assessed?.Stars ?? park.Park.Stars, StarRule.Text, assessed,
            await MeasuredAsync(park, indexBuiltAt, responsiveness, trends, time, cancellationToken));

    private static async Task<List<MeasuredIndicator>> MeasuredAsync(IndexedPark park, DateTimeOffset indexBuiltAt, ResponsivenessCache responsiveness,
        TrendStore trends, TimeProvider time, CancellationToken cancellationToken)
    {
        var id = park.Park.Id;
        var now = time.GetUtcNow();
        var answers = await responsiveness.GetAsync(id, cancellationToken);
        const string leadsSource = "ParkFinder consult requests (立即咨询), last 90 days, at least 5";
        var onOffer = park.UnitsSummary.Sum(u => u.AvailableUnits) + park.StaleUnits;
        var list = new List<MeasuredIndicator>
        {
            new("first-response-hours", "首次响应时长(中位数)", answers?.MedianFirstResponseHours, "hours", leadsSource, answers?.AsOf ?? now),
            new("answered-within-24h", "24小时响应率", answers?.AnsweredWithin24hShare, "share", leadsSource, answers?.AsOf ?? now),
            new("availability-freshness", "房源信息新鲜度", onOffer == 0 ? null : Shown.Rate((double)(onOffer - park.StaleUnits) / onOffer), "share",
                "the park's units on offer confirmed within Search:StaleAfterDays", indexBuiltAt),
            new("vacancy-rate", "空置率", Shown.Rate(park.VacancyRate), "share", "the park's current units (not leased / inventory)", park.UpdatedAt),
        };
        list.Add(await VacancyChangeAsync(id, trends, now, cancellationToken));
        var eco = park.Ecosystem;
        var enterprises = park.Park.Ecosystem?.Enterprises ?? [];
        var segments = eco.Chains.Sum(c => c.Segments);
        DateTimeOffset? enterprisesAsOf = enterprises.Count == 0 ? null : enterprises.Max(e => e.UpdatedAt);
        list.Add(new("enterprises", "入驻企业数", enterprises.Count, "count", "the park's enterprises as its landlords keep them", enterprisesAsOf));
        list.Add(new("anchor-enterprises", "链主/龙头企业数", enterprises.Count(e => e.Role == Ecosystem.EnterpriseRoles.Anchor), "count",
            "the park's enterprises as its landlords keep them", enterprisesAsOf));
        list.Add(new("chain-coverage", "产业链环节覆盖率", segments == 0 ? null : Shown.Rate((double)eco.Chains.Sum(c => c.Covered) / segments), "share",
            "segments with an enterprise, over the chains the park takes part in", enterprisesAsOf));
        foreach (var t in eco.Tracks)
            list.Add(new("track-" + t.Track, t.Name + "得分", t.Score, "score 0-100", "future-track score (METRICS.md) from enterprises and lease mix",
                t.Trace.LeasesAsOf is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : enterprisesAsOf));
        return list;
    }

    // Percentage points the park's vacancy moved over the last 12 months of its trend (all types).
    private static async Task<MeasuredIndicator> VacancyChangeAsync(string parkId, TrendStore trends, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var scope = "park:" + parkId;
        var to = Months.Current(now);
        var points = (await trends.ReadAsync(scope, TrendCalculator.AllTypes, to - 24, to, cancellationToken))
            .Where(p => p.VacancyRate is not null).ToDictionary(p => p.Month, StringComparer.Ordinal);
        var latest = Enumerable.Range(0, 13).Select(k => to - k).FirstOrDefault(m => points.ContainsKey(Months.Format(m)), -1);
        var computedAt = await trends.ComputedAtAsync(scope, TrendCalculator.AllTypes, cancellationToken);
        const string source = "the park's lease data (trend job, METRICS.md vacancyRate)";
        if (latest < 0 || !points.TryGetValue(Months.Format(latest - 12), out var before))
            return new("vacancy-change-12m", "空置率12个月变化", null, "percentage points", source, computedAt, "needs 12 months of trend data");
        var change = (points[Months.Format(latest)].VacancyRate!.Value - before.VacancyRate!.Value) * 100;
        return new("vacancy-change-12m", "空置率12个月变化", Math.Round(change, 2), "percentage points", source, computedAt,
            $"{Months.Format(latest - 12)} to {Months.Format(latest)}");
    }
}
