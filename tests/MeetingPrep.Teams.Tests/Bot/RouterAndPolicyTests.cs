using System.Text.Json;
using MeetingPrep.Teams.Bot;
using MeetingPrep.Teams.Bot.Auth;
using MeetingPrep.Teams.Bot.Routing;
using MeetingPrep.Teams.Bot.Schema;
using Xunit;

namespace MeetingPrep.Teams.Tests.Bot;

public sealed class ActivityRouterTests
{
    private static readonly TurnHandler Noop = _ => Task.FromResult<InvokeResponse?>(null);

    [Fact]
    public void Registering_a_type_twice_fails_even_with_different_case()
    {
        var router = new ActivityRouter().On("message", Noop);

        Assert.Throws<InvalidOperationException>(() => router.On("Message", Noop));
    }

    [Fact]
    public void Registering_an_invoke_name_twice_fails()
    {
        var router = new ActivityRouter().OnInvoke("adaptiveCard/action", Noop);

        Assert.Throws<InvalidOperationException>(() => router.OnInvoke("adaptiveCard/action", Noop));
    }

    [Fact]
    public void Invokes_are_routed_by_name_only()
    {
        Assert.Throws<ArgumentException>(() => new ActivityRouter().On("invoke", Noop));
    }

    [Fact]
    public void Find_matches_type_and_invoke_name_case_insensitively_and_ignores_the_rest()
    {
        TurnHandler message = _ => Task.FromResult<InvokeResponse?>(null);
        TurnHandler action = _ => Task.FromResult<InvokeResponse?>(new InvokeResponse(200, null));
        var router = new ActivityRouter().On("message", message).OnInvoke("adaptiveCard/action", action);

        Assert.Same(message, router.Find(new Activity { Type = "MESSAGE" }));
        Assert.Same(action, router.Find(new Activity { Type = "invoke", Name = "adaptivecard/ACTION" }));
        Assert.Null(router.Find(new Activity { Type = "invoke", Name = "composeExtension/query" }));
        Assert.Null(router.Find(new Activity { Type = "invoke" }));
        Assert.Null(router.Find(new Activity { Type = "messageReaction" }));
    }
}

public sealed class ServiceUrlPolicyTests
{
    private static readonly ServiceUrlPolicy Policy = new(["smba.trafficmanager.net", "*.botframework.com", "127.0.0.1:5000", "localhost:*"]);

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/", true)]
    [InlineData("https://SMBA.trafficmanager.net/emea/", true)]
    [InlineData("https://europe.webchat.botframework.com/", true)]
    [InlineData("https://botframework.com/", false)]
    [InlineData("https://evilbotframework.com/", false)]
    [InlineData("https://smba.trafficmanager.net.evil.com/", false)]
    [InlineData("http://smba.trafficmanager.net/amer/", false)]
    [InlineData("https://user:pw@smba.trafficmanager.net/", false)]
    [InlineData("http://127.0.0.1:5000/", true)]
    [InlineData("http://127.0.0.1:5001/", false)]
    [InlineData("http://localhost:53000/", true)]
    [InlineData("https://smba.trafficmanager.net:443/amer/", true)]
    [InlineData("https://smba.trafficmanager.net:8443/amer/", false)]
    [InlineData("https://europe.webchat.botframework.com:444/", false)]
    [InlineData("http://smba.trafficmanager.net:443/amer/", false)]
    [InlineData("ftp://smba.trafficmanager.net/", false)]
    [InlineData("not a url", false)]
    [InlineData(null, false)]
    public void Only_listed_hosts_over_https_or_loopback_http_are_allowed(string? url, bool allowed)
    {
        Assert.Equal(allowed, Policy.IsAllowed(url));
    }

    [Theory]
    [InlineData("host:0")]
    [InlineData("host:70000")]
    [InlineData("host:abc")]
    public void A_malformed_port_is_refused_when_the_policy_is_built(string entry)
    {
        Assert.Throws<ArgumentException>(() => new ServiceUrlPolicy([entry]));
        Assert.Contains(new BotOptions { AllowedServiceUrlHosts = [entry] }.Validate(), p => p.Key == "Bot:AllowedServiceUrlHosts");
    }
}

public sealed class ActivitySchemaTests
{
    [Fact]
    public void Unknown_fields_survive_a_round_trip()
    {
        const string json = """
            {"type":"message","id":"1","serviceUrl":"https://smba.trafficmanager.net/amer/","futureField":{"a":[1,2]},
             "from":{"id":"29:x","aadObjectId":"oid","userRole":"user"},
             "conversation":{"id":"a:1","conversationType":"personal","tenantId":"t1","extra":true},
             "channelData":{"tenant":{"id":"t1"},"source":{"name":"message"}}}
            """;

        var activity = JsonSerializer.Deserialize(json, BotJsonContext.Default.Activity)!;
        var back = JsonSerializer.Serialize(activity, BotJsonContext.Default.Activity);

        using var original = JsonDocument.Parse(json);
        using var roundTripped = JsonDocument.Parse(back);
        Assert.True(JsonElement.DeepEquals(original.RootElement, roundTripped.RootElement), back);
        Assert.Equal("t1", activity.TenantId);
        Assert.Equal("oid", activity.From!.AadObjectId);
    }

    [Fact]
    public void Tenant_falls_back_to_channel_data_and_time_zone_to_client_info()
    {
        var activity = JsonSerializer.Deserialize(
            """{"type":"message","channelData":{"tenant":{"id":"t2"}},"entities":[{"type":"clientInfo","timezone":"Europe/Berlin"}]}""",
            BotJsonContext.Default.Activity)!;

        Assert.Equal("t2", activity.TenantId);
        Assert.Equal("Europe/Berlin", activity.UserTimeZone);
    }
}
