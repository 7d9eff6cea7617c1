using System.Globalization;
using System.Text.Json;
using MeetingPrep.Connectors.Crm;
using MeetingPrep.Connectors.Crm.Dataverse;
using MeetingPrep.Core.Crm;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace MeetingPrep.Connectors.Tests.Crm.Contract;

/// <summary>The CRM contract against Dataverse's Web API (OData), served by a local fake.</summary>
public sealed class DataverseContractTests : CrmSourceContractTests
{
    private const string Api = "/api/data/v9.2/";

    private readonly FakeCrmServer _fake = FakeCrmServer.Start(https: true);

    public override ValueTask DisposeAsync()
    {
        _fake.Dispose();
        return base.DisposeAsync();
    }

    protected override string IdOf(int n) => $"00000000-0000-0000-0000-{n:D12}";

    protected override Task<ICrmSource> SourceAsync(CrmContext world)
    {
        _fake.Json("POST", "/tenant-1/oauth2/v2.0/token", """{"token_type":"Bearer","expires_in":3599,"access_token":"dv-token"}""");
        Serve("contacts", world.Contacts.Select(c => new Dictionary<string, object?>
        {
            ["contactid"] = c.Id, ["fullname"] = c.Name, ["emailaddress1"] = c.Email, ["_parentcustomerid_value"] = c.AccountId, ["modifiedon"] = c.LastModified,
        }));
        Serve("accounts", world.Accounts.Select(a => new Dictionary<string, object?>
        {
            ["accountid"] = a.Id, ["name"] = a.Name, ["websiteurl"] = $"https://www.{a.Domain}/", ["modifiedon"] = a.LastModified,
            ["new_healthscore"] = world.Metrics.FirstOrDefault(m => m.AccountId == a.Id)?.Points[0].Value,
        }));
        Serve("opportunities", world.Opportunities.Select(o => new Dictionary<string, object?>
        {
            ["opportunityid"] = o.Id, ["name"] = o.Name, ["_parentaccountid_value"] = o.AccountId, ["statecode"] = o.IsClosed ? (o.IsWon == false ? 2 : 1) : 0,
            ["estimatedclosedate"] = o.CloseDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["modifiedon"] = o.LastModified,
        }));
        Serve("annotations", world.Notes.Select(n => new Dictionary<string, object?>
        {
            ["annotationid"] = n.Id, ["subject"] = n.Title, ["notetext"] = n.Text, ["_objectid_value"] = n.AccountId, ["createdon"] = n.Created, ["modifiedon"] = n.LastModified,
        }));
        Serve("incidents", world.Cases.Select(c => new Dictionary<string, object?>
        {
            ["incidentid"] = c.Id, ["title"] = c.Title, ["ticketnumber"] = c.Number, ["_customerid_value"] = c.AccountId, ["statecode"] = c.IsOpen ? 0 : 1,
            ["createdon"] = c.Opened, ["modifiedon"] = c.LastModified,
        }));

        var options = new CrmOptions
        {
            Provider = CrmProvider.Dataverse,
            Dataverse = new RemoteCrmOptions { BaseUrl = _fake.Url, Authority = _fake.Url, TenantId = "tenant-1", ClientId = "client-1", ClientSecret = "secret" },
        };
        options.Dataverse.FieldMap[CrmFieldMap.Health] = "new_healthscore";
        return Task.FromResult<ICrmSource>(new DataverseCrmSource(FakeCrmServer.Client(), options, new CrmTokenCache(), new FakeTimeProvider(CrmConnector.StandingStill), NullLogger<DataverseCrmSource>.Instance));
    }

    private void Serve(string entitySet, IEnumerable<Dictionary<string, object?>> rows) =>
        _fake.Json("GET", Api + entitySet, JsonSerializer.Serialize(new Dictionary<string, object> { ["value"] = rows.ToList() }));
}
