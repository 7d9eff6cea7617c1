using MeetingPrep.Connectors.Crm;
using MeetingPrep.Connectors.Crm.Dataverse;
using MeetingPrep.Connectors.Crm.HubSpot;
using MeetingPrep.Connectors.Crm.Salesforce;
using MeetingPrep.Core.Crm;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace MeetingPrep.Connectors.Tests.Crm;

public sealed class CrmConnectorRegistrationTests
{
    [Theory]
    [InlineData(CrmProvider.Dataverse, typeof(DataverseCrmSource), "Dynamics 365")]
    [InlineData(CrmProvider.Salesforce, typeof(SalesforceCrmSource), "Salesforce")]
    [InlineData(CrmProvider.HubSpot, typeof(HubSpotCrmSource), "HubSpot")]
    public void The_configured_provider_is_the_crm_source(CrmProvider provider, Type expected, string name)
    {
        var options = Valid(provider);
        Assert.Empty(options.Validate());
        using var services = new ServiceCollection().AddLogging().AddCrmConnector(options).BuildServiceProvider();

        var source = services.GetRequiredService<ICrmSource>();

        Assert.IsType(expected, source);
        Assert.Equal(name, source.Name);
    }

    [Fact]
    public void The_built_in_provider_registers_no_remote_source()
    {
        using var services = new ServiceCollection().AddLogging().AddCrmConnector(new CrmOptions()).BuildServiceProvider();

        Assert.Null(services.GetService<ICrmSource>());
    }

    [Fact]
    public void Validation_names_missing_settings_and_bad_field_names()
    {
        var options = new CrmOptions { Provider = CrmProvider.Dataverse };
        options.Dataverse.FieldMap["Tier"] = "new_tier; drop";
        options.Dataverse.FieldMap["Colour"] = "x";

        var keys = options.Validate().Select(p => p.Key).ToList();

        Assert.Contains("Crm:Dataverse:BaseUrl", keys);
        Assert.Contains("Crm:Dataverse:ClientSecret", keys);
        Assert.Contains("Crm:Dataverse:FieldMap:Tier", keys);
        Assert.Contains("Crm:Dataverse:FieldMap:Colour", keys);
    }

    private static CrmOptions Valid(CrmProvider provider) => new()
    {
        Provider = provider,
        Dataverse = new RemoteCrmOptions { BaseUrl = "https://contoso.crm4.dynamics.com", TenantId = "t", ClientId = "c", ClientSecret = "s" },
        Salesforce = new RemoteCrmOptions { BaseUrl = "https://contoso.my.salesforce.com", ClientId = "c", ClientSecret = "s" },
        HubSpot = new RemoteCrmOptions { AccessToken = "pat", PortalId = "1" },
    };
}
