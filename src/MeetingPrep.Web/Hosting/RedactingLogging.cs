using System.Collections;
using System.Globalization;
using MeetingPrep.Core.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MeetingPrep.Web.Hosting;

/// <summary>
/// Redaction at the logging pipeline (<see cref="LogRedaction"/>): every logger the app hands out, whatever its category
/// (MeetingPrep, ASP.NET Core, Kestrel, Hangfire, EF Core, HttpClient), writes through a wrapper that scrubs the formatted
/// message, the structured values, scopes and the exception (messages of inner exceptions too) before any provider
/// (console, OpenTelemetry, Azure Monitor, a test's) sees them. So no log call site can forget it.
/// </summary>
public static class RedactingLogging
{
    /// <summary>Wraps the host's logger factory; registered once, in <see cref="ServiceDefaults.AddServiceDefaults"/>.</summary>
    public static IServiceCollection AddRedactingLogging(this IServiceCollection services)
    {
        // Providers are resolved when the factory is first built, so providers added later (a test's) are wrapped too.
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new RedactingLoggerFactory(new LoggerFactory(
            sp.GetServices<ILoggerProvider>(),
            sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            sp.GetService<IOptions<LoggerFactoryOptions>>(),
            sp.GetService<IExternalScopeProvider>()))));
        return services;
    }

    private sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose() => inner.Dispose();
    }

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => state switch
        {
            string text => inner.BeginScope(LogRedaction.Redact(text)),
            IEnumerable<KeyValuePair<string, object?>> values => inner.BeginScope(new RedactedState(values, LogRedaction.Redact(state.ToString() ?? string.Empty))),
            _ => inner.BeginScope(state),
        };

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            var message = LogRedaction.Redact(formatter(state, exception));
            var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
            inner.Log(logLevel, eventId, new RedactedState(values, message), exception is null ? null : LogRedaction.Redacted(exception), static (s, _) => s.Message);
        }
    }

    /// <summary>A log entry's structured values with every one that is not a number, flag, time or id redacted as text; the message template is kept.</summary>
    private sealed class RedactedState : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly KeyValuePair<string, object?>[] _values;

        public RedactedState(IEnumerable<KeyValuePair<string, object?>> values, string message)
        {
            _values = [.. values.Select(v => new KeyValuePair<string, object?>(v.Key, v.Key == "{OriginalFormat}" ? v.Value : Redact(v.Value)))];
            Message = message;
        }

        public string Message { get; }

        public int Count => _values.Length;

        public KeyValuePair<string, object?> this[int index] => _values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_values).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => Message;

        private static object? Redact(object? value) => value switch
        {
            null or bool or byte or short or int or long or float or double or decimal or Guid or DateTime or DateTimeOffset or TimeSpan or Enum => value,
            _ => LogRedaction.Redact(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty),
        };
    }
}
