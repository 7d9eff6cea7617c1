using MeetingPrep.Teams.Cards;

namespace MeetingPrep.Teams.Tests.Cards;

/// <summary>Walks a typed card: every element, every action, every text run, including nested show-cards.</summary>
internal static class CardWalker
{
    public static IEnumerable<CardElement> Elements(AdaptiveCard card) =>
        card.Body.SelectMany(Elements).Concat(Actions(card).OfType<ShowCardAction>().SelectMany(s => Elements(s.Card)));

    public static IEnumerable<CardAction> Actions(AdaptiveCard card)
    {
        var top = (card.Actions ?? []).AsEnumerable();
        if (card.Refresh is not null)
        {
            top = top.Append(card.Refresh.Action);
        }

        var nested = card.Body.SelectMany(Elements).SelectMany(ActionsOf);
        foreach (var action in top.Concat(nested))
        {
            yield return action;
            if (action is ShowCardAction show)
            {
                foreach (var inner in Actions(show.Card))
                {
                    yield return inner;
                }
            }
        }
    }

    public static IEnumerable<TextRun> Runs(AdaptiveCard card) => Elements(card).OfType<RichTextBlock>().SelectMany(r => r.Inlines.OfType<TextRun>());

    /// <summary>Every piece of text a reader can see, whatever element it sits in.</summary>
    public static IEnumerable<string> Texts(AdaptiveCard card)
    {
        foreach (var element in Elements(card))
        {
            switch (element)
            {
                case TextBlock t:
                    yield return t.Text;
                    break;
                case RichTextBlock r:
                    foreach (var run in r.Inlines.OfType<TextRun>())
                    {
                        yield return run.Text;
                    }

                    break;
                case FactSet f:
                    foreach (var fact in f.Facts)
                    {
                        yield return fact.Title;
                        yield return fact.Value;
                    }

                    break;
                case InputChoiceSet c:
                    foreach (var choice in c.Choices)
                    {
                        yield return choice.Title;
                    }

                    break;
            }
        }

        foreach (var action in Actions(card))
        {
            if (action.Title is not null)
            {
                yield return action.Title;
            }
        }
    }

    private static IEnumerable<CardElement> Elements(CardElement element)
    {
        yield return element;
        var children = element switch
        {
            Container c => c.Items,
            ColumnSet s => s.Columns.SelectMany(c => c.Items),
            Table t => t.Rows.SelectMany(r => r.Cells).SelectMany(c => c.Items),
            _ => [],
        };
        foreach (var child in children.SelectMany(Elements))
        {
            yield return child;
        }
    }

    private static IEnumerable<CardAction> ActionsOf(CardElement element)
    {
        var actions = element switch
        {
            ActionSet a => a.Actions,
            Container { SelectAction: { } s } => [s],
            ColumnSet { SelectAction: { } s } => [s],
            RichTextBlock r => r.Inlines.OfType<TextRun>().Where(t => t.SelectAction is not null).Select(t => t.SelectAction!),
            _ => [],
        };
        return actions;
    }
}
