using System.Reflection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace MeetingPrep.Web.Tests;

/// <summary>Every log event id is unique and in its assembly's band, so an id in the logs names one message.</summary>
public sealed class LogEventIdTests
{
    private static readonly Dictionary<string, int> Bands = new()
    {
        ["MeetingPrep.Core"] = 1000,
        ["MeetingPrep.Connectors"] = 2000,
        ["MeetingPrep.Teams"] = 3000,
        ["MeetingPrep.Storage"] = 4000,
        ["MeetingPrep.Web"] = 5000,
    };

    [Fact]
    public void Event_ids_are_unique_and_in_their_assemblys_band()
    {
        var messages = new[] { typeof(Core.Briefings.ContextGatherer), typeof(Connectors.Crm.CrmOptions), typeof(Teams.Bot.BotOptions), typeof(Storage.StorageOptions), typeof(Program) }
            .Select(t => t.Assembly)
            .SelectMany(a => a.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
                .Select(m => (Assembly: a.GetName().Name!, Method: $"{m.DeclaringType!.Name}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>())))
            .Where(m => m.Attribute is not null)
            .ToList();

        Assert.NotEmpty(messages);
        Assert.All(messages, m =>
        {
            var band = Bands[m.Assembly];
            Assert.True(m.Attribute!.EventId >= band && m.Attribute.EventId < band + 1000, $"{m.Method} in {m.Assembly} has event id {m.Attribute.EventId}, outside {band}-{band + 999}");
        });
        var duplicates = messages.GroupBy(m => m.Attribute!.EventId).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}");
        Assert.Empty(duplicates);
    }
}
