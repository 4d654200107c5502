using System.Runtime.InteropServices;
using System.Text;

namespace ParkFinder.Functions.Search;

// The building blocks of the index image (ParkSearchIndex.Image): arrays of plain values as their raw
// bytes (read back with one copy each, no parsing), and strings through one table per image, so
// the thousands of repeats of a district, industry or tag name are stored and read once.
internal sealed class IndexImageWriter(Stream output)
{
    private readonly BinaryWriter _out = new(output, Encoding.UTF8, leaveOpen: true);
    private readonly Dictionary<string, int> _strings = new(StringComparer.Ordinal);
    private readonly List<string> _table = [];

    public void Int(int value) => _out.Write(value);
    public void Long(long value) => _out.Write(value);
    public void Text(string value) => _out.Write(value);

    public void Values<T>(T[] values) where T : unmanaged
    {
        _out.Write(values.Length);
        _out.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    // An array of arrays as the starts of each and their values end to end.
    public void Jagged<T>(T[][] arrays) where T : unmanaged
    {
        var starts = Starts(arrays);
        var values = new T[starts[^1]];
        for (var i = 0; i < arrays.Length; i++) arrays[i].CopyTo(values, starts[i]);
        Values(starts);
        Values(values);
    }

    public void Strings(string[] values) => Values(values.Select(Id).ToArray());

    // Names numbered 0..n-1 (industry ids, tag bits), as the names in number order.
    public void Numbered(Dictionary<string, int> numbers) => Strings(numbers.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToArray());

    public void JaggedStrings(string[][] arrays) => Jagged(arrays.Select(a => a.Select(Id).ToArray()).ToArray());

    // A part the reader can hand to another thread: its length first, so the reader steps over it.
    public void Section(Action<IndexImageWriter> write)
    {
        _out.Flush();
        var lengthAt = output.Position;
        _out.Write(0L);
        write(this);
        _out.Flush();
        var end = output.Position;
        output.Position = lengthAt;
        _out.Write(end - lengthAt - sizeof(long));
        _out.Flush();
        output.Position = end;
    }

    // The string table goes last, so it holds every string the sections named; the reader finds it from the trailer.
    public void Finish()
    {
        _out.Flush();
        var tableAt = output.Position;
        _out.Write(_table.Count);
        foreach (var s in _table) _out.Write(s);
        _out.Write(tableAt);
        _out.Flush();
    }

    private int Id(string value)
    {
        if (!_strings.TryGetValue(value, out var id))
        {
            _strings[value] = id = _table.Count;
            _table.Add(value);
        }
        return id;
    }

    private static int[] Starts<T>(T[][] arrays)
    {
        var starts = new int[arrays.Length + 1];
        for (var i = 0; i < arrays.Length; i++) starts[i + 1] = checked(starts[i] + arrays[i].Length);
        return starts;
    }
}
