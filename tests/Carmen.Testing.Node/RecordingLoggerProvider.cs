using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Carmen.Testing.Node;

/// <summary>Keeps what the node logs (at the factory's levels), for tests about what is logged.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message, Exception? Exception)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Message, Exception? Exception)> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Recorder(RecordingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._entries.Enqueue((logLevel, category, formatter(state, exception), exception));
    }
}
