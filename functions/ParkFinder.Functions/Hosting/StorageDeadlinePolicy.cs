using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ParkFinder.Functions.Hosting;

// Bounds one storage operation, retries included: each attempt may use only what is left of the
// budget, and none starts once it is spent. Without it a frozen storage holds a request for
// (retries + 1) x the network timeout.
public sealed class StorageDeadlinePolicy(TimeSpan budget) : HttpPipelinePolicy
{
    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Limit(message);
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Limit(message);
        ProcessNext(message, pipeline);
    }

    private void Limit(HttpMessage message)
    {
        // The message lives across its retries, so the first attempt's start is kept on it.
        if (!message.TryGetProperty(typeof(StorageDeadlinePolicy), out var started) || started is not long start)
        {
            start = Stopwatch.GetTimestamp();
            message.SetProperty(typeof(StorageDeadlinePolicy), start);
        }
        var left = budget - Stopwatch.GetElapsedTime(start);
        if (left <= TimeSpan.Zero) throw new StorageTimeoutException(budget);
        message.NetworkTimeout = left;
    }
}

// Storage did not finish an operation within its budget: the caller answers 503.
public sealed class StorageTimeoutException(TimeSpan budget)
    : TimeoutException($"Storage did not complete the operation within {budget.TotalSeconds:0.#} s.");
