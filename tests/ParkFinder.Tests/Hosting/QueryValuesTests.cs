using System.Reflection;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Parks;

namespace ParkFinder.Tests.Hosting;

// What a query value of the wrong type is told, for every kind of parameter a handler may take, and how a
// problem quotes a long value.
public sealed class QueryValuesTests
{
    // A handler's parameters as a route would declare them: {parkId} is a route value, the rest query values.
    private static void Handler(string parkId, string? text, int? limit, long count, double? minRent, decimal price, bool? overdue,
        DateOnly? from, DateTimeOffset? since, Guid? id, SpaceType? type, int[]? years) { }

    private static QueryValues.Typed[] Typed() =>
        QueryValues.Of(typeof(QueryValuesTests).GetMethod(nameof(Handler), BindingFlags.NonPublic | BindingFlags.Static)!, "parks/{parkId}");

    [Fact]
    public void EachTypedQueryParameterParsesAsBindingDoesAndSaysWhatItMustBe()
    {
        var typed = Typed().ToDictionary(t => t.Name);
        Assert.Equal(["count", "from", "id", "limit", "minRent", "overdue", "price", "since", "type", "years"], typed.Keys.Order());
        var cases = new (string Name, string Good, string Bad, string Expected)[]
        {
            ("limit", "05", "1.5", "must be a whole number"),
            ("count", "-3", "ten", "must be a whole number"),
            ("minRent", "12.5", "12.5.1", "must be a number"),
            ("price", "3", "x", "must be a number"),
            ("overdue", "TRUE", "yes", "must be true or false"),
            ("from", "2026-12-06", "06/12/2026x", "must be a date, yyyy-MM-dd"),
            ("since", "2026-12-06T10:00:00+08:00", "tomorrow", "must be a date and time, ISO 8601 (2026-12-06T10:00:00+08:00)"),
            ("id", "0f8fad5b-d9cb-469f-a165-70867728950e", "0f8f", "is not a valid value"),
            ("type", "warehouse", "shed", "must be one of land, factory, warehouse, office"),
            ("years", "2026", "MMXXVI", "must be a whole number"),
        };
        foreach (var (name, good, bad, expected) in cases)
        {
            Assert.True(typed[name].Parses(good), $"{name}={good}");
            Assert.False(typed[name].Parses(bad), $"{name}={bad}");
            Assert.False(typed[name].Parses(""), $"{name} empty");
            Assert.Equal(expected, typed[name].Expected);
        }
    }

    [Fact]
    public void AProblemQuotesAtMostFortyCharactersAndNeverHalfACharacter()
    {
        Assert.Equal("short", Problems.Short("short"));
        Assert.Equal("", Problems.Short(null));
        Assert.Equal(new string('长', 40) + "…", Problems.Short(new string('长', 5000)));
        // A character outside the BMP at the cut is kept whole or left out, never split into a lone surrogate.
        var text = new string('a', 39) + "🏭" + "bbbb";
        Assert.Equal(new string('a', 39) + "…", Problems.Short(text));
    }
}
