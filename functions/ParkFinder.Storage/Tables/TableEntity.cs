using System.Collections;
using Azure;

namespace ParkFinder.Storage.Tables;

// A row with typed properties: string, bool, int, long, double, DateTimeOffset, Guid or byte[].
public sealed class TableEntity : IEnumerable<KeyValuePair<string, object>>
{
    private readonly Dictionary<string, object> _properties = new(StringComparer.Ordinal);

    public TableEntity(string partitionKey, string rowKey)
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    public string PartitionKey { get; set; }
    public string RowKey { get; set; }
    public DateTimeOffset? Timestamp { get; internal set; }
    public ETag ETag { get; set; }

    public object? this[string name]
    {
        get => _properties.GetValueOrDefault(name);
        set
        {
            if (value is null) { _properties.Remove(name); return; }
            _properties[name] = value switch
            {
                string or bool or int or long or double or DateTimeOffset or Guid or byte[] => value,
                DateTime dt => new DateTimeOffset(dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt),
                float f => (double)f,
                decimal m => (double)m,
                BinaryData b => b.ToArray(),
                _ => throw new ArgumentException($"Property '{name}' has type {value.GetType().Name}, which Table Storage cannot hold."),
            };
        }
    }

    public int Count => _properties.Count;
    public bool ContainsKey(string name) => _properties.ContainsKey(name);

    public string? GetString(string name) => this[name] as string;
    public bool? GetBoolean(string name) => this[name] as bool?;
    public Guid? GetGuid(string name) => this[name] as Guid?;
    public byte[]? GetBinary(string name) => this[name] as byte[];
    public DateTimeOffset? GetDateTimeOffset(string name) => this[name] as DateTimeOffset?;

    public int? GetInt32(string name) => this[name] switch
    {
        int i => i,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        _ => null,
    };

    public long? GetInt64(string name) => this[name] switch
    {
        long l => l,
        int i => i,
        _ => null,
    };

    // The service drops the decimal point of whole doubles in some responses, so an int reads as a double too.
    public double? GetDouble(string name) => this[name] switch
    {
        double d => d,
        int i => i,
        long l => l,
        _ => null,
    };

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _properties.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
