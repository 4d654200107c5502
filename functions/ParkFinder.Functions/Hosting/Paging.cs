using System.Buffers.Text;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ParkFinder.Functions.Hosting;

// Lists read from a table in pages: `limit` and `cursor` (the storage continuation token, opaque to
// the client) checked the same way on every list.
public static class Paging
{
    public const int DefaultLimit = 20, MaxLimit = 50;

    public static readonly QueryParameterSpec[] Specs =
    [
        new("limit", "integer", $"Page size (default {DefaultLimit}).", 1, MaxLimit),
        new("cursor", "string", "The previous page's nextCursor."),
    ];

    // page: the list's response, {"items", "nextCursor"} (null on the last page).
    public static async Task<Results<Ok<TPage>, ProblemHttpResult>> ReadAsync<T, TPage>(int? limit, string? cursor,
        Func<int, string?, Task<(List<T> Items, string? Next)>> fetch, Func<IReadOnlyList<T>, string?, TPage> page)
    {
        if (limit is < 1 or > MaxLimit) return Problems.Invalid("limit", $"must be between 1 and {MaxLimit}");
        string? token = null;
        if (cursor is not null && (token = Decode(cursor)) is null) return InvalidCursor();
        try
        {
            var (items, next) = await fetch(limit ?? DefaultLimit, token);
            return TypedResults.Ok(page(items, next is { } t ? Base64Url.EncodeToString(Encoding.UTF8.GetBytes(t)) : null));
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 400)
        {
            return InvalidCursor(); // a token the service cannot read
        }
    }

    // A small list read whole (a user's favorites or alerts), newest first, in pages like any other list.
    public static Task<Results<Ok<TPage>, ProblemHttpResult>> ReadNewestFirstAsync<TStored, T, TPage>(int? limit, string? cursor,
        Func<Task<List<TStored>>> readAll, Func<TStored, (DateTimeOffset At, string Id)> key, Func<TStored, T> show, Func<IReadOnlyList<T>, string?, TPage> page) =>
        ReadAsync(limit, cursor, async (size, after) =>
        {
            var (items, next) = InMemory(await readAll(), s => key(s) is var (at, id) ? NewestFirst(at, id) : "", size, after);
            return (items.Select(show).ToList(), next);
        }, page);

    // Each item's key sorts in list order, and a page starts after the last key the client saw, so a
    // page boundary survives items added or removed meanwhile.
    public static (List<T> Items, string? Next) InMemory<T>(IEnumerable<T> items, Func<T, string> key, int size, string? after)
    {
        var page = items.Select(i => (Item: i, Key: key(i))).Where(x => after is null || string.CompareOrdinal(x.Key, after) > 0)
            .OrderBy(x => x.Key, StringComparer.Ordinal).Take(size + 1).ToList();
        return (page.Take(size).Select(x => x.Item).ToList(), page.Count > size ? page[size - 1].Key : null);
    }

    // A key that sorts newest first.
    public static string NewestFirst(DateTimeOffset at, string id) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture) + "_" + id;

    private static ProblemHttpResult InvalidCursor() =>
        Problems.Invalid("cursor", "is not a cursor of this list (use nextCursor as returned)", "invalid_cursor");

    private static string? Decode(string cursor) =>
        cursor.Length <= 1000 && Base64Url.IsValid(cursor) ? Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)) : null;
}
