using Microsoft.Extensions.Logging;

namespace Carmen.EdgeAgent.Diagnostics;

/// <summary>
/// The agent's last log lines in memory, for the <c>getLogs</c> RPC: an operator sees what the agent did without a
/// shell on the device, whether or not the journal is there.
/// </summary>
public sealed class RecentLog : ILoggerProvider
{
    public const int Capacity = 500;

    private readonly Queue<string> _lines = new();
    private readonly Lock _lock = new();

    public IReadOnlyList<string> Tail(int lines)
    {
        lock (_lock)
        {
            return [.. _lines.Skip(Math.Max(0, _lines.Count - lines))];
        }
    }

    public ILogger CreateLogger(string categoryName) => new Writer(this, categoryName[(categoryName.LastIndexOf('.') + 1)..]);

    public void Dispose()
    {
    }

    private void Add(string line)
    {
        lock (_lock)
        {
            if (_lines.Count == Capacity)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line);
        }
    }

    private sealed class Writer(RecentLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            string line = $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {logLevel} {category}: {formatter(state, exception)}";
            log.Add(exception is null ? line : $"{line} ({exception.GetType().Name}: {exception.Message})");
        }
    }
}
