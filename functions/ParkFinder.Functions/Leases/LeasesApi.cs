using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Search;
using Microsoft.Azure.Functions.Worker;

namespace ParkFinder.Functions.Leases;

public sealed record UploadAccepted(string UploadId, string Status);

// Landlords upload signed-lease files; the trend job parses them later. The file is in Blob
// Storage before the 202, so nothing the landlord sent is lost even if parsing fails.
public static partial class LeasesApi
{
    public const long MaxBytes = 20 * 1024 * 1024;
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Tags("Leases")]
    // The file is the raw body (CSV or .xlsx) or a multipart form's file; no browser form posts here, so no antiforgery token.
    [HttpEndpoint("UploadLeases", "post", "parks/{parkId}/leases"), RequireLandlordOfPark]
    [EndpointSummary("Upload signed-lease data (CSV or .xlsx)")]
    [DocumentedBody(null, "text/csv", XlsxType, "multipart/form-data"), ProblemResponse(413, "payload_too_large"), ProblemResponse(415, "unsupported_media_type")]
    [Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryToken(false)]
    public static async Task<Results<Accepted<UploadAccepted>, ProblemHttpResult>> Upload(string parkId, HttpContext context, CurrentUser user, IParkIndex index,
        LeaseStore store, CancellationToken cancellationToken)
    {
        if (!index.Contains(parkId)) return Problems.ParkNotFound(parkId);
        var request = context.Request;
        if (request.ContentLength > MaxBytes) return TooLarge();
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBytes + 64 * 1024;

        var mediaType = request.GetTypedHeaders().ContentType?.MediaType.Value?.ToLowerInvariant();
        Stream body;
        string contentType;
        string? fileName = null;
        if (mediaType == "multipart/form-data")
        {
            var (form, broken) = await ReadFormAsync(request, cancellationToken);
            if (form is null) return Problems.Invalid("file", "the multipart body is malformed: " + broken, "invalid_upload");
            if (form.Files.Count != 1) return Problems.Invalid("file", "send exactly one file", "invalid_upload");
            var file = form.Files[0];
            if (file.Length > MaxBytes) return TooLarge();
            fileName = Path.GetFileName(file.FileName);
            contentType = file.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? XlsxType
                : file.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "text/csv" : (file.ContentType ?? "").ToLowerInvariant();
            body = file.OpenReadStream();
        }
        else
        {
            contentType = mediaType ?? "";
            body = request.Body;
        }
        if (contentType is not ("text/csv" or XlsxType))
            return Problems.Create(415, "unsupported_media_type", "Send a lease file as text/csv or .xlsx.", $"'{Problems.Short(contentType)}' is not accepted.");

        var content = await ReadLimitedAsync(body, cancellationToken);
        if (content is null) return TooLarge();
        if (content.Length == 0) return Problems.Invalid("file", "the file is empty", "empty_file");

        var upload = await store.SaveUploadAsync(parkId, content, contentType, fileName, user.Id, cancellationToken);
        return TypedResults.Accepted($"/api/parks/{parkId}/leases/uploads/{upload.UploadId}", new UploadAccepted(upload.UploadId, upload.Status));
    }

    [HttpEndpoint("GetLeaseUpload", "get", "parks/{parkId}/leases/uploads/{uploadId}"), RequireLandlordOfPark]
    [EndpointSummary("A lease upload's status and rejected rows")]
    [Tags("Leases")]
    public static async Task<Results<Ok<LeaseUpload>, ProblemHttpResult>> GetUpload(string parkId, string uploadId, LeaseStore store, CancellationToken cancellationToken) =>
        ParkValidation.IdPattern().IsMatch(parkId) && ParkValidation.IdPattern().IsMatch(uploadId) && await store.GetUploadAsync(parkId, uploadId, cancellationToken) is { } upload
            ? TypedResults.Ok(upload)
            : Problems.NotFound("upload_not_found", $"Park '{Problems.Short(parkId)}' has no upload '{Problems.Short(uploadId)}'.");

    // Null when the body is not a multipart form the reader can take apart: no boundary, a part header
    // over 16 KB, too many parts, cut short or without its closing boundary. That is the sender's file
    // (a 400 they can act on), not an outage a retry would mend.
    private static async Task<(IFormCollection?, string?)> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return (await request.ReadFormAsync(cancellationToken), null);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return (null, Reason(ex));
        }
    }

    // The form reader's words, said for the sender (its own are about streams and components).
    private static string Reason(Exception ex) => ex.Message switch
    {
        var m when m.Contains("boundary", StringComparison.OrdinalIgnoreCase) && ex is InvalidDataException =>
            "Content-Type names no boundary (multipart/form-data; boundary=...)",
        var m when m.Contains("length limit", StringComparison.OrdinalIgnoreCase) => "a part header is longer than 16 KB",
        var m when m.Contains("count limit", StringComparison.OrdinalIgnoreCase) => "it has more than 1,024 parts",
        _ when ex is IOException => "it ends before its closing boundary (cut short, or the body does not use the declared boundary)",
        var m => m,
    };

    // At most MaxBytes, whatever Content-Length claimed; null when the body is larger.
    private static async Task<byte[]?> ReadLimitedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        try
        {
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBytes) return null;
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == 413)
        {
            return null;
        }
        return buffer.ToArray();
    }

    private static ProblemHttpResult TooLarge() =>
        Problems.Create(413, "payload_too_large", "The lease file is too large.", $"At most {MaxBytes / 1024 / 1024} MB per file; split larger files.");
}
