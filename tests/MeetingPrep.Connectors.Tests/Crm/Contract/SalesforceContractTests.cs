using System.Globalization;
using System.Text.Json;
using MeetingPrep.Connectors.Crm;
using MeetingPrep.Connectors.Crm.Salesforce;
using MeetingPrep.Core.Crm;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace MeetingPrep.Connectors.Tests.Crm.Contract;

/// <summary>The CRM contract against Salesforce's REST query endpoint (SOQL), served by a local fake.</summary>
public sealed class SalesforceContractTests : CrmSourceContractTests
{
    private const string Query = "/services/data/v62.0/query";

    private readonly FakeCrmServer _fake = FakeCrmServer.Start();

    public override ValueTask DisposeAsync()
    {
        _fake.Dispose();
        return base.DisposeAsync();
    }

    protected override string IdOf(int n) => $"a{n:D17}";

    protected override Task<ICrmSource> SourceAsync(CrmContext world)
    {
        _fake.Json("POST", "/services/oauth2/token", $$"""{"access_token":"sf-token","instance_url":"{{_fake.Url}}","token_type":"Bearer"}""");
        Serve("Contact", world.Contacts.Select(c => new Dictionary<string, object?>
        {
            ["Id"] = c.Id, ["Name"] = c.Name, ["Email"] = c.Email, ["AccountId"] = c.AccountId, ["LastModifiedDate"] = c.LastModified,
        }));
        Serve("Account", world.Accounts.Select(a => new Dictionary<string, object?>
        {
            ["Id"] = a.Id, ["Name"] = a.Name, ["Website"] = $"www.{a.Domain}", ["LastModifiedDate"] = a.LastModified,
            ["Health__c"] = world.Metrics.FirstOrDefault(m => m.AccountId == a.Id)?.Points[0].Value,
        }));
        Serve("Opportunity", world.Opportunities.Select(o => new Dictionary<string, object?>
        {
            ["Id"] = o.Id, ["AccountId"] = o.AccountId, ["Name"] = o.Name, ["IsClosed"] = o.IsClosed, ["IsWon"] = o.IsWon == true,
            ["CloseDate"] = o.CloseDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["LastModifiedDate"] = o.LastModified,
        }));
        Serve("Note", world.Notes.Select(n => new Dictionary<string, object?>
        {
            ["Id"] = n.Id, ["ParentId"] = n.AccountId, ["Title"] = n.Title, ["Body"] = n.Text, ["CreatedDate"] = n.Created, ["LastModifiedDate"] = n.LastModified,
        }));
        Serve("Case", world.Cases.Select(c => new Dictionary<string, object?>
        {
            ["Id"] = c.Id, ["AccountId"] = c.AccountId, ["CaseNumber"] = c.Number, ["Subject"] = c.Title, ["IsClosed"] = !c.IsOpen,
            ["CreatedDate"] = c.Opened, ["ClosedDate"] = c.IsOpen ? null : c.LastModified, ["LastModifiedDate"] = c.LastModified,
        }));

        var options = new CrmOptions
        {
            Provider = CrmProvider.Salesforce,
            Salesforce = new RemoteCrmOptions { BaseUrl = _fake.Url, ClientId = "consumer-key", ClientSecret = "consumer-secret" },
        };
        options.Salesforce.FieldMap[CrmFieldMap.Health] = "Health__c";
        return Task.FromResult<ICrmSource>(new SalesforceCrmSource(new HttpClient(), options, new CrmTokenCache(), new FakeTimeProvider(CrmConnector.StandingStill), NullLogger<SalesforceCrmSource>.Instance));
    }

    private void Serve(string sObject, IEnumerable<Dictionary<string, object?>> records)
    {
        var list = records.ToList();
        _fake.Json(
            "GET",
            Query,
            JsonSerializer.Serialize(new Dictionary<string, object> { ["totalSize"] = list.Count, ["done"] = true, ["records"] = list }),
            url: u => u.Contains($"FROM {sObject} ", StringComparison.Ordinal));
    }
}
