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

    public static AdaptiveCard Build(ChatAnswer answer, CardHost host)
    {
        ArgumentNullException.ThrowIfNull(answer);
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
            card.Body.Add(CardParts.Subtle("I found nothing about that in the meeting's e-mail, CRM records or earlier meetings."));
        }

        var cited = new SortedSet<int>();
        foreach (var line in answer.Lines.Take(MaxLines))
        {
            card.Body.Add(CardParts.ItemLine(line.Text, line.Label, line.Citations, answer.Sources, 400, line.ByModel, line.Unverified));
            foreach (var id in line.Citations)
            {
                var index = IndexOf(answer.Sources, id);
                if (index >= 0)
                {
                    cited.Add(index + 1);
                }
            }
        }

        if (cited.Count > 0)
        {
            card.Body.Add(new TextBlock { Text = "Sources", Weight = FontWeight.Bolder, Size = FontSize.Small, Separator = true, Spacing = Spacing.Medium });
            foreach (var number in cited)
            {
                card.Body.Add(CardParts.SourceLine(number, answer.Sources[number - 1], null));
            }
        }

        var data = new CardActionData { MeetingId = answer.MeetingId };
        card.Actions =
        [
            CardParts.Execute("Helpful", CardVerbs.FeedbackHelpful, data),
            CardParts.Execute("Not helpful", CardVerbs.FeedbackNotHelpful, data),
        ];
        if (answer.MeetingId is not null)
        {
            card.Actions.Add(CardParts.Execute("Open briefing", CardVerbs.BriefingOpen, data, ActionMode.Secondary));
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
