using System.Runtime.InteropServices;
using System.Text;

namespace ParkFinder.Functions.Search;

// Reads what IndexImageWriter wrote, from a buffer holding the whole image.
internal sealed class IndexImageReader
{
    private readonly byte[] _image;
    private readonly string[] _table;
    private int _at;

    // A reader past the image's first string, `format`; null when the image starts otherwise (an older
    // layout or another blob), checked before the string table is looked for at its end.
    public static IndexImageReader? Open(byte[] image, string format)
    {
        var header = new IndexImageReader(image, [], 0);
        try
        {
            if (header.Text() != format) return null;
        }
        catch (Exception ex) when (ex is EndOfStreamException or FormatException)
        {
            return null;
        }
        return new IndexImageReader(image) { _at = header._at };
    }

    private IndexImageReader(byte[] image)
    {
        _image = image;
        var tableAt = BitConverter.ToInt64(image, image.Length - sizeof(long));
        using var table = new BinaryReader(new MemoryStream(image, (int)tableAt, image.Length - (int)tableAt), Encoding.UTF8);
        _table = new string[table.ReadInt32()];
        for (var i = 0; i < _table.Length; i++) _table[i] = table.ReadString();
    }

    private IndexImageReader(byte[] image, string[] table, int at) => (_image, _table, _at) = (image, table, at);

    // What Section wrote, to be read on its own (another thread may); this reader goes on after it.
    public IndexImageReader Section()
    {
        var length = (int)Long();
        var section = new IndexImageReader(_image, _table, _at);
        _at += length;
        return section;
    }

    public int Int() => Read<int>();
    public long Long() => Read<long>();

    public string Text()
    {
        using var reader = new BinaryReader(new MemoryStream(_image, _at, _image.Length - _at), Encoding.UTF8);
        var value = reader.ReadString();
        _at += (int)reader.BaseStream.Position;
        return value;
    }

    public T[] Values<T>() where T : unmanaged
    {
        var length = Int();
        var bytes = length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        var values = new T[length];
        _image.AsSpan(_at, bytes).CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
        _at += bytes;
        return values;
    }

    // The starts and the values end to end, as written: for a caller that slices them itself.
    public (int[] Starts, T[] Values) Packed<T>() where T : unmanaged => (Values<int>(), Values<T>());

    public T[][] Jagged<T>() where T : unmanaged
    {
        var (starts, values) = Packed<T>();
        var arrays = new T[starts.Length - 1][];
        for (var i = 0; i < arrays.Length; i++) arrays[i] = starts[i] == starts[i + 1] ? [] : values[starts[i]..starts[i + 1]];
        return arrays;
    }

    public string[] Strings() => Array.ConvertAll(Values<int>(), id => _table[id]);

    // What IndexImageWriter.Numbered wrote: each name with its number.
    public Dictionary<string, int> Numbered() =>
        Strings().Select((name, number) => (name, number)).ToDictionary(x => x.name, x => x.number, StringComparer.Ordinal);

    // Equal arrays come back as one instance (most units share a handful of tag sets).
    public string[][] JaggedStrings()
    {
        var (starts, ids) = (Values<int>(), Values<int>());
        var shared = new Dictionary<(int, int), string[]>();
        var arrays = new string[starts.Length - 1][];
        for (var i = 0; i < arrays.Length; i++)
        {
            var (from, to) = (starts[i], starts[i + 1]);
            if (from == to) { arrays[i] = []; continue; }
            // Keyed by the first two ids and the length, confirmed element by element.
            var key = (ids[from] * 31 + (to - from > 1 ? ids[from + 1] : -1), to - from);
            if (shared.TryGetValue(key, out var known) && Same(known, ids, from)) { arrays[i] = known; continue; }
            var array = new string[to - from];
            for (var k = 0; k < array.Length; k++) array[k] = _table[ids[from + k]];
            arrays[i] = shared[key] = array;
        }
        return arrays;
    }

    private bool Same(string[] known, int[] ids, int from)
    {
        for (var k = 0; k < known.Length; k++)
            if (!ReferenceEquals(known[k], _table[ids[from + k]])) return false;
        return true;
    }

    private T Read<T>() where T : unmanaged
    {
        var value = MemoryMarshal.Read<T>(_image.AsSpan(_at));
        _at += System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        return value;
    }
}
