using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IsmsCloud.IntegrationTests;

/// <summary>
/// A logger provider that keeps what a host logs (after its filters), message and structured values, so a test can
/// assert that something never reaches the logs. Keeps the latest <see cref="Capacity"/> entries only.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public const int Capacity = 50_000;
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyList<string> Entries => _entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose()
    {
    }

    private void Add(string entry)
    {
        _entries.Enqueue(entry);
        while (_entries.Count > Capacity && _entries.TryDequeue(out _))
        {
        }
    }

    private sealed class Logger(string category, CapturedLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            logs.Add($"{logLevel} {category} {formatter(state, exception)} {values} {exception}");
        }
    }
}
