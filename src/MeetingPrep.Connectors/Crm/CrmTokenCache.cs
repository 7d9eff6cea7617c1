using System.Collections.Concurrent;
using MeetingPrep.Connectors.Crm.Remote;
using Microsoft.Identity.Client;

namespace MeetingPrep.Connectors.Crm;

/// <summary>
/// Tokens shared by every call of the app (the typed clients are short-lived), keyed by token endpoint (or authority)
/// and client: plain OAuth tokens, and MSAL clients with their own token caches for Entra.
/// </summary>
public sealed class CrmTokenCache
{
    internal ConcurrentDictionary<string, CachedCrmToken> Tokens { get; } = new(StringComparer.Ordinal);

    internal ConcurrentDictionary<string, SemaphoreSlim> Gates { get; } = new(StringComparer.Ordinal);

    internal ConcurrentDictionary<string, IConfidentialClientApplication> Apps { get; } = new(StringComparer.Ordinal);
}
