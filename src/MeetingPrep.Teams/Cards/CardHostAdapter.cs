namespace MeetingPrep.Teams.Cards;

/// <summary>
/// Makes a card built with 1.5 features fit a host. For 1.4 hosts (Outlook) it rewrites tables to column sets and
/// drops 1.5-only properties (<c>style: heading</c>, action <c>mode</c>, <c>tooltip</c>) and the Teams extension.
/// Builders always build the full card and call this last, so host differences live in one place.
/// </summary>
public static class CardHostAdapter
{
    public static AdaptiveCard ForHost(AdaptiveCard card, CardHost host, string? outlookOriginator = null)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (host == CardHost.Teams)
        {
            card.Version = AdaptiveCard.TeamsVersion;
            card.MsTeams = new MsTeamsCardProperties { Width = "Full" };
            return card;
        }

        card.Version = AdaptiveCard.OutlookVersion;
        card.MsTeams = null;
        card.Originator = outlookOriginator;
        Downgrade(card);
        return card;
    }

    private static void Downgrade(AdaptiveCard card)
    {
        card.Body = DowngradeElements(card.Body);
        if (card.Actions is not null)
        {
            // Without "mode" every action is a button; Outlook shows them all, so keep the order meaningful.
            card.Actions.ForEach(DowngradeAction);
        }

        if (card.Refresh is not null)
        {
            DowngradeAction(card.Refresh.Action);
        }
    }

    private static List<CardElement> DowngradeElements(List<CardElement> elements)
    {
        var result = new List<CardElement>(elements.Count);
        foreach (var element in elements)
        {
            result.Add(DowngradeElement(element));
        }

        return result;
    }

    private static CardElement DowngradeElement(CardElement element)
    {
        switch (element)
        {
            case TextBlock text:
                if (text.Style == TextBlockStyle.Heading)
                {
                    text.Style = null;
                    text.Weight ??= FontWeight.Bolder;
                }

                return text;
            case RichTextBlock rich:
                foreach (var run in rich.Inlines.OfType<TextRun>())
                {
                    if (run.SelectAction is not null)
                    {
                        DowngradeAction(run.SelectAction);
                    }
                }

                return rich;
            case Container container:
                container.Items = DowngradeElements(container.Items);
                if (container.SelectAction is not null)
                {
                    DowngradeAction(container.SelectAction);
                }

                return container;
            case ColumnSet set:
                foreach (var column in set.Columns)
                {
                    column.Items = DowngradeElements(column.Items);
                }

                if (set.SelectAction is not null)
                {
                    DowngradeAction(set.SelectAction);
                }

                return set;
            case ActionSet actions:
                actions.Actions.ForEach(DowngradeAction);
                return actions;
            case Table table:
                return TableToColumnSets(table);
            default:
                return element;
        }
    }

    private static void DowngradeAction(CardAction action)
    {
        action.Mode = null;
        action.Tooltip = null;
        if (action is ShowCardAction show)
        {
            Downgrade(show.Card);
        }
    }

    /// <summary>Each row becomes a column set with the table's weights; the header row is bold.</summary>
    private static Container TableToColumnSets(Table table)
    {
        var container = new Container { Id = table.Id, IsVisible = table.IsVisible, Separator = table.Separator, Spacing = table.Spacing };
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            var isHeader = r == 0 && table.FirstRowAsHeader != false;
            var set = new ColumnSet { Spacing = r == 0 ? null : Spacing.Small, Separator = isHeader ? null : (r == 1 ? true : null) };
            for (var c = 0; c < row.Cells.Count; c++)
            {
                var weight = c < table.Columns.Count ? table.Columns[c].Width : 1;
                var items = DowngradeElements(row.Cells[c].Items);
                if (isHeader)
                {
                    foreach (var text in items.OfType<TextBlock>())
                    {
                        text.Weight = FontWeight.Bolder;
                    }
                }

                set.Columns.Add(new Column { Width = weight.ToString(System.Globalization.CultureInfo.InvariantCulture), Items = items });
            }

            container.Items.Add(set);
        }

        return container;
    }
}
