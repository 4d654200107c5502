namespace ParkFinder.Functions.Search;

// The index's sorted lists (the orders, the rent lists) after a splice: the old list without the entries
// of changed parks, the rest renumbered, merged with the changed parks' new entries. One pass over the
// old list instead of a sort of all of it (issue 3: a splice took 34-38 ms this way, 52-75 ms re-sorting;
// Search/README.md, "Performance tricks").
internal static class SortedMerge
{
    // `keys`/`ids` (ascending by key, then id) without the entries `remap` drops (-1), ids remapped,
    // merged with `added`. Ties go by id: the index's order of parks, so every list breaks ties alike.
    public static (TKey[] Keys, int[] Ids) Merge<TKey>(TKey[] keys, int[] ids, Func<int, int> remap, List<(TKey Key, int Id)> added)
        where TKey : IComparable<TKey>
    {
        static int Compare(TKey a, int aId, TKey b, int bId) => a.CompareTo(b) is var byKey and not 0 ? byKey : aId.CompareTo(bId);
        added.Sort((a, b) => Compare(a.Key, a.Id, b.Key, b.Id));
        var (outKeys, outIds) = (new TKey[keys.Length + added.Count], new int[keys.Length + added.Count]);
        int i = 0, j = 0, k = 0;
        var next = keys.Length > 0 ? remap(ids[0]) : -1;
        while (i < keys.Length || j < added.Count)
        {
            if (i < keys.Length && next < 0) { next = ++i < keys.Length ? remap(ids[i]) : -1; continue; }
            if (i < keys.Length && (j == added.Count || Compare(keys[i], next, added[j].Key, added[j].Id) <= 0))
            {
                (outKeys[k], outIds[k++]) = (keys[i], next);
                next = ++i < keys.Length ? remap(ids[i]) : -1;
            }
            else (outKeys[k], outIds[k++]) = added[j++];
        }
        Array.Resize(ref outKeys, k);
        Array.Resize(ref outIds, k);
        return (outKeys, outIds);
    }

    // A new list: the entries sorted.
    public static (TKey[] Keys, int[] Ids) Sorted<TKey>(List<(TKey Key, int Id)> entries) where TKey : IComparable<TKey> =>
        Merge([], [], _ => -1, entries);
}
