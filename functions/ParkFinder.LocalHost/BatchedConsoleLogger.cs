using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace ParkFinder.LocalHost;

// The local host's console log, written in batches. The built-in console logger takes a lock and wakes
// its writer thread for every line, and that thread makes one write() per line: at thousands of
// requests a second (one line each) that was 5-15% of the two cores (BENCHMARKS.md, issue 15).
// Here a line is formatted on the caller's thread by the configured console formatter (json, so the
// output is the same), queued without a lock, and one thread writes what has queued every 50 ms.
[ProviderAlias("Console")] // the Logging:Console settings (FormatterName, LogLevel) apply as before
public sealed class BatchedConsoleLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);
    private const int MaxQueued = 100_000; // about 20 MB of lines: past that, lines are counted and dropped

    private readonly ConcurrentQueue<(string Line, bool ToError)> _queue = new();
    private readonly ConsoleFormatter _formatter;
    private readonly LogLevel _toErrorFrom;
    private readonly Thread _writer;
    private readonly ManualResetEventSlim _stopping = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider(); // replaced by the factory's
    private int _queued, _dropped;

    public BatchedConsoleLoggerProvider(IOptionsMonitor<ConsoleLoggerOptions> options, IEnumerable<ConsoleFormatter> formatters)
    {
        var name = options.CurrentValue.FormatterName ?? ConsoleFormatterNames.Simple;
        _formatter = formatters.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? formatters.First(f => f.Name == ConsoleFormatterNames.Simple);
        _toErrorFrom = options.CurrentValue.LogToStandardErrorThreshold;
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "Console log writer" };
        _writer.Start();
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    private void Enqueue(string line, LogLevel level)
    {
        if (Interlocked.Increment(ref _queued) > MaxQueued)
        {
            Interlocked.Decrement(ref _queued);
            Interlocked.Increment(ref _dropped);
            return;
        }
        _queue.Enqueue((line, level >= _toErrorFrom));
    }

    private void WriteLoop()
    {
        // Unbuffered handles under buffered writers: a batch is one write() per stream.
        using var stdout = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 64 * 1024);
        using var stderr = new StreamWriter(Console.OpenStandardError(), new System.Text.UTF8Encoding(false), 16 * 1024);
        while (true)
        {
            var stopping = _stopping.Wait(Interval);
            while (_queue.TryDequeue(out var entry))
            {
                Interlocked.Decrement(ref _queued);
                (entry.ToError ? stderr : stdout).Write(entry.Line);
            }
            if (Interlocked.Exchange(ref _dropped, 0) is > 0 and var dropped)
                stderr.WriteLine($"warning: {dropped} log lines dropped (more than {MaxQueued} waiting to be written)");
            stdout.Flush();
            stderr.Flush();
            if (stopping) return;
        }
    }

    // What was logged before the host stopped is written before the process exits.
    public void Dispose()
    {
        _stopping.Set();
        _writer.Join(TimeSpan.FromSeconds(5));
    }

    private sealed class Logger(BatchedConsoleLoggerProvider provider, string category) : ILogger
    {
        [ThreadStatic] private static StringWriter? t_line;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var writer = t_line ??= new StringWriter();
            provider._formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), provider._scopes, writer);
            var text = writer.GetStringBuilder();
            if (text.Length == 0) return;
            provider.Enqueue(text.ToString(), logLevel);
            text.Clear();
            if (text.Capacity > 16 * 1024) text.Capacity = 1024; // one huge exception does not pin a big buffer per thread
        }
    }
}
