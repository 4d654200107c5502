using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ParkFinder.Functions.Search;

// Seek paging: a page starts strictly after (Key, ParkId) in the sort order, so pages never repeat
// or skip a park while the data is unchanged. The token carries a checksum over its content and the
// query it belongs to, so a tampered token or one from another query is refused.
public sealed record SearchCursor(double Key, string ParkId)
{
    public string Encode(string queryFingerprint)
    {
        var id = Encoding.UTF8.GetBytes(ParkId);
        var payload = new byte[8 + id.Length];
        BinaryPrimitives.WriteDoubleBigEndian(payload, Key);
        id.CopyTo(payload, 8);
        var token = new byte[payload.Length + 8];
        payload.CopyTo(token, 0);
        Checksum(payload, queryFingerprint).CopyTo(token, payload.Length);
        return Base64Url.EncodeToString(token);
    }

    public static SearchCursor? TryDecode(string token, string queryFingerprint)
    {
        if (token.Length is 0 or > 200) return null;
        if (!Base64Url.IsValid(token)) return null;
        var bytes = Base64Url.DecodeFromChars(token);
        if (bytes.Length < 8 + 1 + 8) return null;
        var payload = bytes.AsSpan(0, bytes.Length - 8);
        if (!CryptographicOperations.FixedTimeEquals(Checksum(payload, queryFingerprint), bytes.AsSpan(bytes.Length - 8))) return null;
        var key = BinaryPrimitives.ReadDoubleBigEndian(payload);
        if (double.IsNaN(key)) return null;
        return new SearchCursor(key, Encoding.UTF8.GetString(payload[8..]));
    }

    private static byte[] Checksum(ReadOnlySpan<byte> payload, string queryFingerprint)
    {
        var fingerprint = Encoding.UTF8.GetBytes(queryFingerprint);
        var all = new byte[payload.Length + fingerprint.Length];
        payload.CopyTo(all);
        fingerprint.CopyTo(all, payload.Length);
        return SHA256.HashData(all)[..8];
    }
}
