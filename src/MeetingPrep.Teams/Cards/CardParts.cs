using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Sources;

namespace MeetingPrep.Teams.Cards;

/// <summary>Small building blocks shared by the card builders.</summary>
internal static class CardParts
{
    /// <summary>Citation marks shown after one line; more would crowd it.</summary>
    public const int MaxCitationsPerLine = 6;

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
    public static RichTextBlock ItemLine(BriefingItem item, IReadOnlyList<SourceRef> sources, int maxChars, TeamsText text) =>
        ItemLine(item.Text, item.Label, item.Citations, sources, maxChars, item.WrittenByModel, item.Unverified, text);

    /// <summary>A bullet line of untrusted text with numbered citation links and a fact/inference mark (in the reader's language).</summary>
    public static RichTextBlock ItemLine(
        string text, ItemLabel? label, IReadOnlyList<string> citations, IReadOnlyList<SourceRef> sources, int maxChars, bool byModel = false, bool unverified = false,
        TeamsText? ui = null)
    {
        ui ??= TeamsText.English;
        var block = new RichTextBlock { Spacing = Spacing.Small };
        block.Inlines.Add(new TextRun { Text = "• " + CardText.Plain(text, maxChars) });
        foreach (var sourceId in citations.Distinct(StringComparer.Ordinal).Take(MaxCitationsPerLine))
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
            marks.Add(ui["Mark.AI"]);
        }

        if (unverified)
        {
            marks.Add(ui["Mark.Unverified"]);
        }

        if (label == ItemLabel.Inference)
        {
            marks.Add(ui["Mark.Inference"]);
        }

        if (marks.Count > 0)
        {
            block.Inlines.Add(new TextRun
            {
                Text = " (" + string.Join(ui["List.Separator"], marks) + ")",
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
    public static RichTextBlock SourceLine(int number, SourceRef source, string? dateText, TeamsText text)
    {
        var url = CardText.SafeUrl(source.Url);
        var block = new RichTextBlock { Spacing = Spacing.None };
        block.Inlines.Add(new TextRun { Text = $"[{number}] ", IsSubtle = true });
        block.Inlines.Add(new TextRun
        {
            Text = CardText.Plain(source.Title, 120) + " · " + KindLabel(source.Kind, text) + (dateText is null ? string.Empty : text["List.Separator"] + dateText),
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

    public static string KindLabel(SourceKind kind, TeamsText text) =>
        text[$"Kind.{(kind is SourceKind.Email or SourceKind.Meeting or SourceKind.CrmAccount or SourceKind.CrmContact or SourceKind.Opportunity or SourceKind.Note or SourceKind.Case or SourceKind.Metric ? kind.ToString() : "Other")}"];

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
