namespace ParkFinder.Functions.Scorecards;

// What an operator imports for a park: an assessment of every indicator of the tree (0-100).
public sealed record Assessment(string? Assessor, DateOnly Date, string? Source, Dictionary<string, double>? Values);

public sealed record AssessedIndicator(string Id, string Name, double Weight, double? Value);

public sealed record AssessedGroup(string Id, string Name, double Weight, bool NamedBySources, double? Score, IReadOnlyList<AssessedIndicator> Indicators);

// The assessed side: every figure from the imported assessment, the weighted total and its star level.
public sealed record AssessedScorecard(string Assessor, DateOnly Date, string Source, double? Total, int? Stars, IReadOnlyList<AssessedGroup> Groups);

// An indicator we measure ourselves, with where it comes from and as of when. Value null: not enough data.
public sealed record MeasuredIndicator(string Id, string Name, double? Value, string Unit, string Source, DateTimeOffset? AsOf, string? Note = null);

public sealed record Scorecard(string ParkId, int? Stars, string StarRule, AssessedScorecard? Assessed, IReadOnlyList<MeasuredIndicator> Measured);

public static class StarRule
{
    public const string Text = "From the assessed total (0-100, the weighted mean of group scores, each the weighted mean of its indicators): " +
                               ">= 90: 5 stars, >= 80: 4, >= 70: 3, >= 60: 2, below 60: 1. No assessment: the operators' imported stars.";

    // An assessment scored against the tree in use: an indicator added since has no value, and then there is no total.
    public static AssessedScorecard Assess(IndicatorTree tree, Assessment a)
    {
        var (total, groups) = Score(tree, a.Values ?? []);
        return new AssessedScorecard(a.Assessor ?? "", a.Date, a.Source ?? "", total, total is { } t ? Of(t) : null, groups);
    }

    public static int Of(double total) => total >= 90 ? 5 : total >= 80 ? 4 : total >= 70 ? 3 : total >= 60 ? 2 : 1;

    // The weighted total over the tree, or null when an indicator has no value.
    public static (double? Total, List<AssessedGroup> Groups) Score(IndicatorTree tree, IReadOnlyDictionary<string, double> values)
    {
        var groups = tree.Groups.Select(g =>
        {
            var indicators = g.Indicators.Select(i => new AssessedIndicator(i.Id, i.Name, i.Weight, values.TryGetValue(i.Id, out var v) ? v : null)).ToList();
            double? score = indicators.All(i => i.Value is not null)
                ? Math.Round(indicators.Sum(i => i.Weight * i.Value!.Value) / indicators.Sum(i => i.Weight), 2) : null;
            return new AssessedGroup(g.Id, g.Name, g.Weight, g.Named, score, indicators);
        }).ToList();
        double? total = groups.All(g => g.Score is not null)
            ? Math.Round(groups.Sum(g => g.Weight * g.Score!.Value) / groups.Sum(g => g.Weight), 2) : null;
        return (total, groups);
    }
}
