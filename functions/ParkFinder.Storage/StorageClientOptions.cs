using Azure.Core;

namespace ParkFinder.Storage;

public sealed class StorageClientOptions : ClientOptions
{
    public StorageClientOptions()
    {
        // A request handler waits on storage: fail fast and let the caller answer 503, never hang.
        Retry.MaxRetries = 2;
        Retry.Delay = TimeSpan.FromMilliseconds(200);
        Retry.MaxDelay = TimeSpan.FromSeconds(2);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(15);
        Diagnostics.IsLoggingContentEnabled = false;
        Diagnostics.IsTelemetryEnabled = false;
    }
}
