using System.Diagnostics;
using System.Diagnostics.Metrics;
using MeetingPrep.Teams.Cards;

namespace MeetingPrep.Teams;

/// <summary>
/// Spans and instruments of the card renderer and the bot (README, "Telemetry"): the <c>card</c> span with its host, size
/// and trimmed lines, the <c>send</c> span of a proactive briefing. Tags never carry card text.
/// </summary>
public static class TeamsTelemetry
{
    public const string Name = "MeetingPrep.Teams";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> CardsRendered =
        Meter.CreateCounter<long>("meetingprep.cards.rendered", description: "Briefing cards rendered, by host and whether lines were trimmed to fit");

    private static readonly Counter<long> CardsTrimmed =
        Meter.CreateCounter<long>("meetingprep.cards.trimmed", description: "Briefing cards that had to leave lines out to fit the host's budget, by host");

    private static readonly Histogram<long> CardSize =
        Meter.CreateHistogram<long>("meetingprep.card.size", "By", "Rendered briefing card size, by host");

    internal static Activity? StartCard(CardHost host) =>
        Source.StartActivity("card")?.SetTag("meetingprep.card.host", HostTag(host));

    internal static Activity? StartSend() => Source.StartActivity("send");

    internal static AdaptiveCard CardRendered(Activity? activity, AdaptiveCard card, CardHost host, int trimmedItems, int bytes)
    {
        activity?.SetTag("meetingprep.card.bytes", bytes).SetTag("meetingprep.card.trimmed_items", trimmedItems);
        var hostTag = new KeyValuePair<string, object?>("host", HostTag(host));
        CardsRendered.Add(1, hostTag, new KeyValuePair<string, object?>("trimmed", trimmedItems > 0));
        CardSize.Record(bytes, hostTag);
        if (trimmedItems > 0)
        {
            CardsTrimmed.Add(1, hostTag);
        }

        return card;
    }

    internal static void CardTooLarge(Activity? activity, CardHost host)
    {
        activity?.SetStatus(ActivityStatusCode.Error, "too large");
        CardsRendered.Add(1, new KeyValuePair<string, object?>("host", HostTag(host)), new KeyValuePair<string, object?>("trimmed", true));
        CardsTrimmed.Add(1, new KeyValuePair<string, object?>("host", HostTag(host)));
    }

    private static string HostTag(CardHost host) => host == CardHost.Outlook ? "outlook" : "teams";
}
