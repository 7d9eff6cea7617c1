using System.Globalization;
using MeetingPrep.Core.Briefings.Audit;
using MeetingPrep.Core.Users;

namespace MeetingPrep.Teams.Cards;

/// <summary>
/// "How this was made": the audit record of the user's latest briefing of a meeting (<see cref="BriefingAuditRecord"/>),
/// as a card the "How this was made" action answers with: which sources were read, as whom (the user's delegated access
/// or the app's), when, what was unavailable, and which writer or model wrote it. Codes and counts only, like the record.
/// "Back to the briefing" refreshes the briefing card in its place.
/// </summary>
public static class BriefingAuditCardBuilder
{
    public static AdaptiveCard Build(string meetingId, IReadOnlyList<BriefingAuditRecord> records, UserRef viewer, CardHost host)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(viewer);
        var culture = CardFormat.ResolveCulture(null, viewer.Culture);
        var card = new AdaptiveCard
        {
            FallbackText = "How this briefing was made",
            Body = [CardParts.Heading("How this briefing was made", spacing: null)],
        };

        if (records.Count == 0)
        {
            card.Body.Add(CardParts.Subtle("No record yet: this meeting's briefing has not been written for you, or its record has expired."));
        }
        else
        {
            var latest = records[0];
            var writer = latest.FellBack && latest.Model is { } model
                ? $"{latest.Writer} (the model {model} was not used this time)"
                : latest.Writer;
            card.Body.Add(new FactSet
            {
                Facts =
                [
                    new Fact("Written", CardFormat.Time(latest.WrittenAt, viewer, culture) + " (" + CardFormat.Day(latest.WrittenAt, culture) + ")"),
                    new Fact("Written by", CardText.Plain(writer, 120)),
                ],
            });
            card.Body.Add(CardParts.Heading("Sources read", Spacing.Medium));
            card.Body.Add(new FactSet
            {
                Facts = latest.Sources.Select(s => new Fact(
                    CardText.Plain($"{s.Source} ({s.Provider})", 80),
                    CardText.Plain($"{Outcome(s)} · {Access(s.Access)} · {CardFormat.Time(s.At, viewer, culture)}", 160))).ToList(),
            });
            if (latest.Sources.Any(s => s.Outcome != "ok"))
            {
                card.Body.Add(CardParts.Subtle("A source that was unavailable left its part of the briefing out; the rest went ahead.", FontSize.Small));
            }

            if (records.Count > 1)
            {
                card.Body.Add(CardParts.Subtle(string.Format(CultureInfo.InvariantCulture, "{0} earlier versions of this briefing have records too.", records.Count - 1), FontSize.Small));
            }
        }

        card.Actions = [CardParts.Execute("Back to the briefing", CardVerbs.Refresh, new CardActionData { MeetingId = meetingId })];
        return CardHostAdapter.ForHost(card, host);
    }

    private static string Outcome(SourceRead read) => read.Outcome == "ok"
        ? read.Items.ToString(CultureInfo.InvariantCulture) + (read.Items == 1 ? " record" : " records")
        : "unavailable (" + read.Outcome + ")";

    private static string Access(Core.Sources.SourceAccess access) => access switch
    {
        Core.Sources.SourceAccess.Delegated => "as you",
        _ => "as the MeetingPrep app",
    };
}
