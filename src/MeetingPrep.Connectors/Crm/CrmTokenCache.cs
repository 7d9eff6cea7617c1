using System.Collections.Concurrent;
using MeetingPrep.Connectors.Crm.Remote;

namespace MeetingPrep.Connectors.Crm;

/// <summary>Tokens shared by every call of the app (the typed clients are short-lived), keyed by token endpoint and client.</summary>
public sealed class CrmTokenCache
{
    internal ConcurrentDictionary<string, CachedCrmToken> Tokens { get; } = new(StringComparer.Ordinal);

    internal ConcurrentDictionary<string, SemaphoreSlim> Gates { get; } = new(StringComparer.Ordinal);
}
