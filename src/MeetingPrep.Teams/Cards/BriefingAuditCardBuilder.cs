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
    /// <param name="culture">The reader's language setting (their recipe's); else their Teams/Outlook locale.</param>
    public static AdaptiveCard Build(string meetingId, IReadOnlyList<BriefingAuditRecord> records, UserRef viewer, CardHost host, string? culture = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(viewer);
        var text = TeamsText.For(culture, viewer);
        var card = new AdaptiveCard
        {
            FallbackText = text["Audit.Title"],
            Body = [CardParts.Heading(text["Audit.Title"], spacing: null)],
        };

        if (records.Count == 0)
        {
            card.Body.Add(CardParts.Subtle(text["Audit.None"]));
        }
        else
        {
            var latest = records[0];
            var writer = latest.FellBack && latest.Model is { } model ? text.Format("Audit.FellBack", latest.Writer, model) : latest.Writer;
            card.Body.Add(new FactSet
            {
                Facts =
                [
                    new Fact(text["Audit.Written"], CardFormat.Time(latest.WrittenAt, viewer, text.Culture) + " (" + CardFormat.Day(latest.WrittenAt, text.Culture) + ")"),
                    new Fact(text["Audit.WrittenBy"], CardText.Plain(writer, 120)),
                ],
            });
            card.Body.Add(CardParts.Heading(text["Audit.SourcesRead"], Spacing.Medium));
            card.Body.Add(new FactSet
            {
                Facts = latest.Sources.Select(s => new Fact(
                    CardText.Plain($"{s.Source} ({s.Provider})", 80),
                    CardText.Plain($"{Outcome(s, text)} · {Access(s.Access, text)} · {CardFormat.Time(s.At, viewer, text.Culture)}", 160))).ToList(),
            });
            if (latest.Sources.Any(s => s.Outcome != "ok"))
            {
                card.Body.Add(CardParts.Subtle(text["Audit.UnavailableNote"], FontSize.Small));
            }

            if (records.Count > 1)
            {
                card.Body.Add(CardParts.Subtle(text.Format("Audit.Earlier", records.Count - 1), FontSize.Small));
            }
        }

        card.Actions = [CardParts.Execute(text["Audit.Back"], CardVerbs.Refresh, new CardActionData { MeetingId = meetingId })];
        return CardHostAdapter.ForHost(card, host);
    }

    private static string Outcome(SourceRead read, TeamsText text) => read.Outcome == "ok"
        ? text.Format(read.Items == 1 ? "Audit.Records.One" : "Audit.Records.Many", read.Items)
        : text.Format("Audit.Unavailable", read.Outcome);

    private static string Access(Core.Sources.SourceAccess access, TeamsText text) => access switch
    {
        Core.Sources.SourceAccess.Delegated => text["Audit.AsYou"],
        _ => text["Audit.AsApp"],
    };
}
