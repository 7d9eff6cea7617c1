using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Sources;

namespace MeetingPrep.Teams.Cards;

/// <summary>One line of a chat answer with the sources it rests on (ids of <see cref="ChatAnswer.Sources"/>).</summary>
/// <param name="ByModel">Written by the language model (marked AI); <paramref name="Unverified"/> when the verifier could not check it.</param>
public sealed record AnswerLine(string Text, ItemLabel Label, IReadOnlyList<string> Citations, bool ByModel = false, bool Unverified = false);

/// <summary>An answer to a chat question about a meeting, cited like a briefing.</summary>
public sealed record ChatAnswer(string Question, IReadOnlyList<AnswerLine> Lines, IReadOnlyList<SourceRef> Sources, string? MeetingId);

/// <summary>The card for a chat answer: the question, a few cited lines, the sources.</summary>
public static class AnswerCardBuilder
{
    private const int MaxLines = 6;

    public static AdaptiveCard Build(ChatAnswer answer, CardHost host, TeamsText? text = null)
    {
        ArgumentNullException.ThrowIfNull(answer);
        text ??= TeamsText.English;
        var card = new AdaptiveCard
        {
            FallbackText = CardText.Plain(answer.Question, 120),
            Body =
            [
                new RichTextBlock { Inlines = [new TextRun { Text = CardText.Plain(answer.Question, 300), Weight = FontWeight.Bolder }] },
            ],
        };

        if (answer.Lines.Count == 0)
        {
            card.Body.Add(CardParts.Subtle(text["Answer.Nothing"]));
        }

        // Sources are numbered in the order the lines cite them ([1][2][3], never [1][2][10] after the briefing's own order).
        var lines = answer.Lines.Take(MaxLines).ToList();
        var cited = lines
            .SelectMany(line => line.Citations.Distinct(StringComparer.Ordinal).Take(CardParts.MaxCitationsPerLine))
            .Select(id => IndexOf(answer.Sources, id))
            .Where(index => index >= 0)
            .Distinct()
            .Select(index => answer.Sources[index])
            .ToList();
        foreach (var line in lines)
        {
            card.Body.Add(CardParts.ItemLine(line.Text, line.Label, line.Citations, cited, 400, line.ByModel, line.Unverified, text));
        }

        if (cited.Count > 0)
        {
            card.Body.Add(new TextBlock { Text = text["Answer.Sources"], Weight = FontWeight.Bolder, Size = FontSize.Small, Separator = true, Spacing = Spacing.Medium });
            for (var i = 0; i < cited.Count; i++)
            {
                card.Body.Add(CardParts.SourceLine(i + 1, cited[i], null, text));
            }
        }

        var data = new CardActionData { MeetingId = answer.MeetingId };
        card.Actions =
        [
            CardParts.Execute(text["Action.Helpful"], CardVerbs.FeedbackHelpful, data),
            CardParts.Execute(text["Action.NotHelpful"], CardVerbs.FeedbackNotHelpful, data),
        ];
        if (answer.MeetingId is not null)
        {
            card.Actions.Add(CardParts.Execute(text["Action.OpenBriefing"], CardVerbs.BriefingOpen, data, ActionMode.Secondary));
        }

        return CardHostAdapter.ForHost(card, host);
    }

    private static int IndexOf(IReadOnlyList<SourceRef> sources, string id)
    {
        for (var i = 0; i < sources.Count; i++)
        {
            if (string.Equals(sources[i].Id, id, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
