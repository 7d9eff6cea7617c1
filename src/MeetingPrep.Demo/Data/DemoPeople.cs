using MeetingPrep.Core.Meetings;

namespace MeetingPrep.Demo.Data;

/// <summary>A synthetic person: internal demo user (has a mailbox and calendar), internal colleague, customer contact or room.</summary>
internal sealed record DemoPerson(string Key, string Name, string Email, string? AccountId, string? JobTitle, string? Role, string TimeZone)
{
    public Person Person { get; } = new(Name, Email);
}

/// <summary>Everyone in the demo, by short key. Customer contacts come from the CRM definitions.</summary>
internal sealed class DemoDirectory
{
    private readonly Dictionary<string, DemoPerson> _byKey = new(StringComparer.Ordinal);

    public void Add(DemoPerson person) => _byKey.Add(person.Key, person);

    public DemoPerson this[string key] =>
        _byKey.TryGetValue(key, out var person) ? person : throw new KeyNotFoundException($"Demo person '{key}' is not defined.");

    public IEnumerable<DemoPerson> All => _byKey.Values;

    public IEnumerable<DemoPerson> OfAccount(string accountId) => _byKey.Values.Where(p => p.AccountId == accountId);
}
