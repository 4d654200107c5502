using ArchUnitNET.Domain;
using ArchUnitNET.Loader;

namespace ParkFinder.Tests.Architecture;

// The folders of ParkFinder.Functions (its namespaces below ParkFinder.Functions) and which use which,
// read from the compiled assembly's type references by ArchUnitNET: what the code does, not what its
// using lines say.
public static class FolderGraph
{
    private const string Root = "ParkFinder.Functions";

    public static readonly Lazy<SortedDictionary<string, SortedSet<string>>> Edges = new(Build);

    public static string FolderOf(string? ns)
    {
        if (ns is null || !ns.StartsWith(Root, StringComparison.Ordinal)) return "";
        var rest = ns.Length == Root.Length ? "" : ns[(Root.Length + 1)..];
        return rest.Length == 0 ? "(root)" : rest.Split('.')[0];
    }

    private static SortedDictionary<string, SortedSet<string>> Build()
    {
        var architecture = new ArchLoader().LoadAssemblies(typeof(Functions.Hosting.FunctionCatalog).Assembly).Build();
        var edges = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var type in architecture.Types)
        {
            var from = FolderOf(type.Namespace?.FullName);
            if (from.Length == 0) continue;
            if (!edges.TryGetValue(from, out var targets)) edges[from] = targets = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var dependency in type.Dependencies)
            {
                var to = FolderOf(dependency.Target?.Namespace?.FullName);
                if (to.Length > 0 && to != from) targets.Add(to);
            }
        }
        return edges;
    }

    // Every group of folders that reach each other (Tarjan's strongly connected components of size > 1).
    public static List<List<string>> Cycles(IReadOnlyDictionary<string, SortedSet<string>> edges)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<List<string>>();
        var next = 0;
        void Visit(string v)
        {
            index[v] = low[v] = next++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in edges.GetValueOrDefault(v) ?? [])
            {
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); component.Add(x); } while (x != v);
            if (component.Count > 1) result.Add(component.Order(StringComparer.Ordinal).ToList());
        }
        foreach (var v in edges.Keys) if (!index.ContainsKey(v)) Visit(v);
        return result;
    }
}
