namespace ParkFinder.Functions.Search;

// The index's part that owns the orders of every park for the sorts that need no query (relevance is
// id order; stars, update, available area, vacancy; rent by the lowest fresh rent): a search without
// text, distance or unit filters pages through one of these instead of ranking its matches. Keys come
// from the caller (the park figures and unit bounds, or a changed park's overlay record); ties go by
// park position. A splice re-places only the changed parks' entries.
internal sealed class ParkOrders
{
    private readonly Dictionary<SearchSort, (double[] Keys, int[] Parks)> _orders;

    private ParkOrders(Dictionary<SearchSort, (double[] Keys, int[] Parks)> orders) => _orders = orders;

    private static readonly SearchSort[] Sorts = [SearchSort.Relevance, SearchSort.Stars, SearchSort.Updated, SearchSort.AvailableArea, SearchSort.VacancyRate, SearchSort.Rent];

    public static ParkOrders Build(int parks, Func<SearchSort, int, double> key) =>
        new(Sorts.ToDictionary(sort => sort, sort => SortedMerge.Sorted(Enumerable.Range(0, parks).Select(p => (key(sort, p), p)).ToList())));

    // The same orders with the changed parks' entries re-placed by their new keys.
    public ParkOrders Rederive(ICollection<int> changed, Func<SearchSort, int, double> key)
    {
        var isChanged = new bool[_orders[SearchSort.Relevance].Parks.Length];
        foreach (var p in changed) isChanged[p] = true;
        return new(Sorts.ToDictionary(sort => sort, sort => SortedMerge.Merge(_orders[sort].Keys, _orders[sort].Parks, p => isChanged[p] ? -1 : p,
            changed.Select(p => (key(sort, p), p)).ToList())));
    }

    public (double[] Keys, int[] Parks) this[SearchSort sort] => _orders[sort];

    public bool TryGet(SearchSort sort, out (double[] Keys, int[] Parks) order) => _orders.TryGetValue(sort, out order);
}
