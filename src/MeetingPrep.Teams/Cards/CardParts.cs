using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Sources;

namespace MeetingPrep.Teams.Cards;

/// <summary>Small building blocks shared by the card builders.</summary>
internal static class CardParts
{
    public static TextBlock Heading(string trustedText, Spacing? spacing = Spacing.Medium) => new()
    {
        Text = trustedText,
        Weight = FontWeight.Bolder,
        Style = TextBlockStyle.Heading,
        Wrap = true,
        Spacing = spacing,
    };

    public static TextBlock Subtle(string markdownSafeText, FontSize? size = null) => new()
    {
        Text = markdownSafeText,
        IsSubtle = true,
        Wrap = true,
        Size = size,
        Spacing = Spacing.Small,
    };

    /// <summary>A briefing line: its text, citations and marks (inference; AI for the model's lines; unverified).</summary>
    public static RichTextBlock ItemLine(BriefingItem item, IReadOnlyList<SourceRef> sources, int maxChars) =>
        ItemLine(item.Text, item.Label, item.Citations, sources, maxChars, item.WrittenByModel, item.Unverified);

    /// <summary>A bullet line of untrusted text with numbered citation links and a fact/inference mark.</summary>
    public static RichTextBlock ItemLine(
        string text, ItemLabel? label, IReadOnlyList<string> citations, IReadOnlyList<SourceRef> sources, int maxChars, bool byModel = false, bool unverified = false)
    {
        var block = new RichTextBlock { Spacing = Spacing.Small };
        block.Inlines.Add(new TextRun { Text = "• " + CardText.Plain(text, maxChars) });
        foreach (var sourceId in citations.Distinct(StringComparer.Ordinal).Take(6))
        {
            var index = IndexOf(sources, sourceId);
            if (index < 0)
            {
                continue;
            }

            block.Inlines.Add(Citation(index + 1, sources[index]));
        }

        // Facts are the default and stay unmarked (the footer says so); inferences always say what they are, and so do
        // the model's lines (AI), above all those whose names or figures the verifier could not find in their sources.
        var marks = new List<string>(3);
        if (byModel)
        {
            marks.Add("AI");
        }

        if (unverified)
        {
            marks.Add("unverified");
        }

        if (label == ItemLabel.Inference)
        {
            marks.Add("inference");
        }

        if (marks.Count > 0)
        {
            block.Inlines.Add(new TextRun
            {
                Text = " (" + string.Join(", ", marks) + ")",
                Italic = true,
                IsSubtle = !unverified ? true : null,
                Color = unverified ? TextColor.Attention : null,
            });
        }

        return block;
    }

    /// <summary>"[n]" opening the source; plain "[n]" when its URL is missing or not safe to open.</summary>
    public static TextRun Citation(int number, SourceRef source)
    {
        var url = CardText.SafeUrl(source.Url);
        return new TextRun
        {
            Text = $" [{number}]",
            Color = url is null ? null : TextColor.Accent,
            IsSubtle = url is null ? true : null,
            // No title: the sources list names each source, and every byte here repeats per citation.
            SelectAction = url is null ? null : new OpenUrlAction { Url = url },
        };
    }

    /// <summary>One source line: "[n] Title · kind" with the title linked.</summary>
    public static RichTextBlock SourceLine(int number, SourceRef source, string? dateText)
    {
        var url = CardText.SafeUrl(source.Url);
        var block = new RichTextBlock { Spacing = Spacing.None };
        block.Inlines.Add(new TextRun { Text = $"[{number}] ", IsSubtle = true });
        block.Inlines.Add(new TextRun
        {
            Text = CardText.Plain(source.Title, 120) + " · " + KindLabel(source.Kind) + (dateText is null ? string.Empty : ", " + dateText),
            Color = url is null ? null : TextColor.Accent,
            SelectAction = url is null ? null : new OpenUrlAction { Url = url },
        });
        return block;
    }

    /// <summary>
    /// A header row that shows or hides <paramref name="targetId"/> when tapped, with "Show"/"Hide" labels that swap.
    /// </summary>
    public static ColumnSet ToggleHeader(CardElement title, string targetId, string showLabel, string hideLabel, Spacing? spacing = Spacing.Medium)
    {
        var showId = targetId + "-show";
        var hideId = targetId + "-hide";
        return new ColumnSet
        {
            Spacing = spacing,
            SelectAction = new ToggleVisibilityAction { TargetElements = [targetId, showId, hideId] },
            Columns =
            [
                new Column { Width = "stretch", Items = [title] },
                new Column
                {
                    Width = "auto",
                    Items =
                    [
                        new TextBlock { Id = showId, Text = showLabel, Color = TextColor.Accent, Size = FontSize.Small },
                        new TextBlock { Id = hideId, Text = hideLabel, Color = TextColor.Accent, Size = FontSize.Small, IsVisible = false },
                    ],
                },
            ],
        };
    }

    public static ExecuteAction Execute(string title, string verb, CardActionData? data, ActionMode? mode = null) => new()
    {
        Id = verb,
        Title = title,
        Verb = verb,
        Data = data,
        Mode = mode,
    };

    public static string KindLabel(SourceKind kind) => kind switch
    {
        SourceKind.Email => "email",
        SourceKind.Meeting => "meeting",
        SourceKind.CrmAccount => "account",
        SourceKind.CrmContact => "contact",
        SourceKind.Opportunity => "opportunity",
        SourceKind.Note => "note",
        SourceKind.Case => "case",
        SourceKind.Metric => "metric",
        _ => "source",
    };

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
