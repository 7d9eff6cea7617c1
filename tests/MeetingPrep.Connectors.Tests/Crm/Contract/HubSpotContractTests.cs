using System.Globalization;
using System.Text.Json;
using MeetingPrep.Connectors.Crm;
using MeetingPrep.Connectors.Crm.HubSpot;
using MeetingPrep.Core.Crm;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace MeetingPrep.Connectors.Tests.Crm.Contract;

/// <summary>The CRM contract against HubSpot's CRM v3 (search, associations, batch reads), served by a local fake.</summary>
public sealed class HubSpotContractTests : CrmSourceContractTests
{
    private const string P = "/crm/v3";

    private readonly FakeCrmServer _fake = FakeCrmServer.Start();

    public override ValueTask DisposeAsync()
    {
        _fake.Dispose();
        return base.DisposeAsync();
    }

    protected override string IdOf(int n) => n.ToString(CultureInfo.InvariantCulture);

    protected override Task<ICrmSource> SourceAsync(CrmContext world)
    {
        var contacts = Objects(world.Contacts.Select(c => (c.Id, Props(("email", c.Email), ("firstname", c.Name), ("hs_lastmodifieddate", Time(c.LastModified))))));
        _fake.Json("POST", P + "/objects/contacts/search", contacts);
        _fake.Json("POST", P + "/associations/contacts/companies/batch/read", Links(world.Contacts.Where(c => c.AccountId is not null).Select(c => (c.AccountId!, c.Id)), reverse: true));
        var companies = Objects(world.Accounts.Select(a => (a.Id, Props(
            ("name", a.Name),
            ("domain", a.Domain),
            ("health_score", world.Metrics.FirstOrDefault(m => m.AccountId == a.Id)?.Points[0].Value.ToString(CultureInfo.InvariantCulture)),
            ("hs_lastmodifieddate", Time(a.LastModified))))));
        _fake.Json("POST", P + "/objects/companies/batch/read", companies);
        _fake.Json("POST", P + "/objects/companies/search", companies);

        _fake.Json("POST", P + "/associations/companies/deals/batch/read", Links(world.Opportunities.Select(o => (o.AccountId, o.Id))));
        _fake.Json("POST", P + "/objects/deals/batch/read", Objects(world.Opportunities.Select(o => (o.Id, Props(
            ("dealname", o.Name),
            ("hs_is_closed", o.IsClosed ? "true" : "false"),
            ("hs_is_closed_won", o.IsWon == true ? "true" : "false"),
            ("closedate", o.CloseDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z"),
            ("hs_lastmodifieddate", Time(o.LastModified)))))));
        _fake.Json("POST", P + "/associations/companies/notes/batch/read", Links(world.Notes.Select(n => (n.AccountId, n.Id))));
        _fake.Json("POST", P + "/objects/notes/batch/read", Objects(world.Notes.Select(n => (n.Id, Props(
            ("hs_note_body", $"<p>{n.Text}</p>"), ("hs_timestamp", Time(n.Created)), ("hs_lastmodifieddate", Time(n.LastModified)))))));
        _fake.Json("POST", P + "/associations/companies/tickets/batch/read", Links(world.Cases.Select(c => (c.AccountId, c.Id))));
        _fake.Json("POST", P + "/objects/tickets/batch/read", Objects(world.Cases.Select(c => (c.Id, Props(
            ("subject", c.Title),
            ("hs_is_closed", c.IsOpen ? "false" : "true"),
            ("closed_date", c.IsOpen ? null : Time(c.LastModified)),
            ("createdate", Time(c.Opened)),
            ("hs_lastmodifieddate", Time(c.LastModified)))))));

        var options = new CrmOptions
        {
            Provider = CrmProvider.HubSpot,
            HubSpot = new RemoteCrmOptions { BaseUrl = _fake.Url, AccessToken = "pat-token", PortalId = "12345" },
        };
        options.HubSpot.FieldMap[CrmFieldMap.Health] = "health_score";
        return Task.FromResult<ICrmSource>(new HubSpotCrmSource(new HttpClient(), options, new FakeTimeProvider(CrmConnector.StandingStill), NullLogger<HubSpotCrmSource>.Instance));
    }

    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Props(params (string Name, string? Value)[] properties) =>
        properties.Where(p => p.Value is not null).ToDictionary(p => p.Name, p => p.Value!);

    private static string Objects(IEnumerable<(string Id, Dictionary<string, string> Properties)> objects)
    {
        var results = objects.Select(o => new Dictionary<string, object> { ["id"] = o.Id, ["properties"] = o.Properties, ["archived"] = false }).ToList();
        return JsonSerializer.Serialize(new Dictionary<string, object> { ["total"] = results.Count, ["results"] = results });
    }

    /// <summary>Association results, from each company to its records (or, reversed, from each record to its company).</summary>
    private static string Links(IEnumerable<(string Company, string Record)> links, bool reverse = false)
    {
        var results = links
            .GroupBy(l => reverse ? l.Record : l.Company)
            .Select(g => new Dictionary<string, object>
            {
                ["from"] = new Dictionary<string, string> { ["id"] = g.Key },
                ["to"] = g.Select(l => new Dictionary<string, string> { ["id"] = reverse ? l.Company : l.Record, ["type"] = "x" }).ToList(),
            })
            .ToList();
        return JsonSerializer.Serialize(new Dictionary<string, object> { ["status"] = "COMPLETE", ["results"] = results });
    }
}
