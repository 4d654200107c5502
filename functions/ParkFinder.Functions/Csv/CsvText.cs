using System.Text;

namespace ParkFinder.Functions.Csv;

public static class CsvText
{
    static CsvText() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    // UTF-8 (BOM or not) when the bytes are valid UTF-8; otherwise GB18030, a superset of GBK, which
    // is what Excel in Chinese saves "CSV" as.
    public static string Decode(byte[] content)
    {
        if (content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return Encoding.UTF8.GetString(content, 3, content.Length - 3);
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030").GetString(content);
        }
    }
}
