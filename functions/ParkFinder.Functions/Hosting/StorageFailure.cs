using Azure;

namespace ParkFinder.Functions.Hosting;

// Which exceptions mean "storage cannot answer now" (a 503 for the caller) rather than a bug.
public static class StorageFailure
{
    public static bool IsUnavailable(Exception ex) => ex switch
    {
        RequestFailedException r => r.Status == 0 || r.Status >= 500 || r.Status == 403 || r.ErrorCode == "TableNotFound" || r.ErrorCode == "ContainerNotFound",
        HttpRequestException or TimeoutException or IOException => true,
        // A timeout, or the caller's own deadline: the request aborted by the client is told apart by the caller.
        OperationCanceledException => true,
        AggregateException a => a.InnerExceptions.Any(IsUnavailable),
        _ => false,
    };

    // A short reason without secrets: status and service code only, never headers or URLs with signatures.
    public static string Describe(Exception ex) => ex switch
    {
        RequestFailedException r => $"status {r.Status} {r.ErrorCode}",
        AggregateException a => Describe(a.InnerExceptions[0]),
        _ => ex.GetType().Name,
    };
}
