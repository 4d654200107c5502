using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace ParkFinder.LocalHost;

// The local host's console log, written in batches. The built-in console logger takes a lock and wakes
// its writer thread for every line, and that thread makes one write() per line: at thousands of
// requests a second (one line each) that was 5-15% of the two cores (BENCHMARKS.md, issue 15).
// Here a line is formatted on the caller's thread by the configured console formatter (the same
// output), queued without a lock, and one thread writes what has queued every 50 ms, or at once when
// the queue is full. Logging:Console's FormatterName, LogToStandardErrorThreshold, MaxQueueLength and
// QueueFullMode (Wait: the caller waits for room; DropWrite) are read at start; a changed file is not
// reread. Lines logged after the host stopped are written on the caller's thread.
[ProviderAlias("Console")] // Logging:Console:LogLevel filters apply as to the built-in provider
public sealed class BatchedConsoleLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrentQueue<(string Line, bool ToError)> _queue = new();
    private readonly ConsoleFormatter _formatter;
    private readonly LogLevel _toErrorFrom;
    private readonly int _maxQueued;
    private readonly bool _dropWhenFull;
    private readonly Thread _writer;
    private readonly AutoResetEvent _wake = new(false);
    private readonly Lock _writing = new(); // the writer thread's batches, and writes after the stop
    // Unbuffered handles under buffered writers: a batch is one write() per stream (64 KB at a time).
    private readonly StreamWriter _stdout = new(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 64 * 1024);
    private readonly StreamWriter _stderr = new(Console.OpenStandardError(), new System.Text.UTF8Encoding(false), 16 * 1024);
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider(); // replaced by the factory's
    private volatile bool _stopping, _stopped;
    private int _queued, _dropped;

    public BatchedConsoleLoggerProvider(IOptionsMonitor<ConsoleLoggerOptions> options, IEnumerable<ConsoleFormatter> formatters)
    {
        var settings = options.CurrentValue;
        var name = settings.FormatterName ?? ConsoleFormatterNames.Simple;
        _formatter = formatters.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? formatters.First(f => f.Name == ConsoleFormatterNames.Simple);
        _toErrorFrom = settings.LogToStandardErrorThreshold;
        _maxQueued = settings.MaxQueueLength;
        _dropWhenFull = settings.QueueFullMode == ConsoleLoggerQueueFullMode.DropWrite;
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "Console log writer" };
        _writer.Start();
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    private void Enqueue(string line, LogLevel level)
    {
        while (Interlocked.Increment(ref _queued) > _maxQueued && !_stopped)
        {
            Interlocked.Decrement(ref _queued);
            if (_dropWhenFull)
            {
                Interlocked.Increment(ref _dropped);
                return;
            }
            _wake.Set(); // a full queue is written now, and the caller waits for room as with the built-in logger
            Thread.Sleep(1);
        }
        _queue.Enqueue((line, level >= _toErrorFrom));
        if (_stopped) WriteQueued(); // the writer thread has ended: nothing queued is left behind
    }

    private void WriteLoop()
    {
        while (!_stopping)
        {
            _wake.WaitOne(Interval);
            WriteQueued();
        }
        _stopped = true; // from here callers write what they queue; then what is left is written
        WriteQueued();
    }

    private void WriteQueued()
    {
        lock (_writing)
        {
            try
            {
                while (_queue.TryDequeue(out var entry))
                {
                    Interlocked.Decrement(ref _queued);
                    (entry.ToError ? _stderr : _stdout).Write(entry.Line);
                }
                if (Interlocked.Exchange(ref _dropped, 0) is > 0 and var dropped)
                    _stderr.WriteLine($"warning: {dropped} log lines dropped (Logging:Console:QueueFullMode is DropWrite, more than {_maxQueued} were waiting)");
                _stdout.Flush();
                _stderr.Flush();
            }
            catch (IOException)
            {
                // Standard output gone (a closed pipe, a full disk): the lines are lost, the app goes on.
            }
        }
    }

    // What was logged before the host stopped is written before the process exits.
    public void Dispose()
    {
        _stopping = true;
        _wake.Set();
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
