using System.Text.Json.Serialization;

namespace MeetingPrep.Teams.Cards;

/// <summary>A body element. The <c>type</c> discriminator is written by the serializer from the derived type.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(RichTextBlock), "RichTextBlock")]
[JsonDerivedType(typeof(FactSet), "FactSet")]
[JsonDerivedType(typeof(ColumnSet), "ColumnSet")]
[JsonDerivedType(typeof(Container), "Container")]
[JsonDerivedType(typeof(Table), "Table")]
[JsonDerivedType(typeof(Image), "Image")]
[JsonDerivedType(typeof(ActionSet), "ActionSet")]
[JsonDerivedType(typeof(InputText), "Input.Text")]
[JsonDerivedType(typeof(InputChoiceSet), "Input.ChoiceSet")]
[JsonDerivedType(typeof(InputToggle), "Input.Toggle")]
[JsonDerivedType(typeof(InputTime), "Input.Time")]
public abstract class CardElement
{
    public string? Id { get; set; }

    /// <summary>Null means visible (the default); only <c>false</c> is written.</summary>
    public bool? IsVisible { get; set; }

    public bool? Separator { get; set; }

    public Spacing? Spacing { get; set; }
}

public sealed class TextBlock : CardElement
{
    /// <summary>Teams renders a markdown subset here: only trusted or <see cref="CardText.Markdown"/>-escaped text.</summary>
    public required string Text { get; set; }

    public bool? Wrap { get; set; }

    public int? MaxLines { get; set; }

    public FontSize? Size { get; set; }

    public FontWeight? Weight { get; set; }

    public TextColor? Color { get; set; }

    public bool? IsSubtle { get; set; }

    /// <summary>1.5 only; dropped for 1.4 hosts.</summary>
    public TextBlockStyle? Style { get; set; }
}

/// <summary>Text runs are never markdown-processed, which makes this the safe home for untrusted text.</summary>
public sealed class RichTextBlock : CardElement
{
    public List<CardInline> Inlines { get; set; } = [];
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextRun), "TextRun")]
public abstract class CardInline;

public sealed class TextRun : CardInline
{
    public required string Text { get; set; }

    public FontSize? Size { get; set; }

    public FontWeight? Weight { get; set; }

    public TextColor? Color { get; set; }

    public bool? IsSubtle { get; set; }

    public bool? Italic { get; set; }

    public CardAction? SelectAction { get; set; }
}

public sealed class FactSet : CardElement
{
    public List<Fact> Facts { get; set; } = [];
}

/// <summary>Both parts are markdown in Teams: escape untrusted text with <see cref="CardText.Markdown"/>.</summary>
public sealed record Fact(string Title, string Value);

public sealed class ColumnSet : CardElement
{
    public List<Column> Columns { get; set; } = [];

    public CardAction? SelectAction { get; set; }

    public ContainerStyle? Style { get; set; }
}

public sealed class Column
{
    [JsonPropertyOrder(-10)]
    public string Type { get; } = "Column";

    public string? Id { get; set; }

    /// <summary><c>auto</c>, <c>stretch</c> or <c>"&lt;n&gt;px"</c>.</summary>
    public string? Width { get; set; }

    public List<CardElement> Items { get; set; } = [];

    public VerticalAlignment? VerticalContentAlignment { get; set; }

    public Spacing? Spacing { get; set; }
}

public sealed class Container : CardElement
{
    public List<CardElement> Items { get; set; } = [];

    public ContainerStyle? Style { get; set; }

    public CardAction? SelectAction { get; set; }
}

/// <summary>A 1.5 table; 1.4 hosts get it rewritten to column sets by <see cref="CardHostAdapter"/>.</summary>
public sealed class Table : CardElement
{
    public List<TableColumnDefinition> Columns { get; set; } = [];

    public List<TableRow> Rows { get; set; } = [];

    public bool? FirstRowAsHeader { get; set; }

    public bool? ShowGridLines { get; set; }
}

public sealed class TableColumnDefinition
{
    [JsonPropertyOrder(-10)]
    public string Type { get; } = "TableColumnDefinition";

    /// <summary>Relative weight of the column.</summary>
    public int Width { get; set; } = 1;
}

public sealed class TableRow
{
    [JsonPropertyOrder(-10)]
    public string Type { get; } = "TableRow";

    public List<TableCell> Cells { get; set; } = [];
}

public sealed class TableCell
{
    [JsonPropertyOrder(-10)]
    public string Type { get; } = "TableCell";

    public List<CardElement> Items { get; set; } = [];
}

public sealed class Image : CardElement
{
    public required string Url { get; set; }

    public string? AltText { get; set; }

    public ImageSize? Size { get; set; }
}

public sealed class ActionSet : CardElement
{
    public List<CardAction> Actions { get; set; } = [];
}

public sealed class InputText : CardElement
{
    public string? Label { get; set; }

    public string? Placeholder { get; set; }

    public string? Value { get; set; }

    public bool? IsMultiline { get; set; }

    public int? MaxLength { get; set; }

    public string? Regex { get; set; }

    public bool? IsRequired { get; set; }

    public string? ErrorMessage { get; set; }
}

public sealed class InputChoiceSet : CardElement
{
    public string? Label { get; set; }

    public List<InputChoice> Choices { get; set; } = [];

    public string? Value { get; set; }

    public bool? IsMultiSelect { get; set; }

    public ChoiceInputStyle? Style { get; set; }

    public string? Placeholder { get; set; }

    public bool? Wrap { get; set; }

    public bool? IsRequired { get; set; }

    public string? ErrorMessage { get; set; }
}

public sealed record InputChoice(string Title, string Value);

/// <summary>A time of day: the client's own picker, values "HH:mm" (one element instead of a choice per time).</summary>
public sealed class InputTime : CardElement
{
    public string? Label { get; set; }

    public string? Value { get; set; }

    public string? Min { get; set; }

    public string? Max { get; set; }

    public string? Placeholder { get; set; }

    public bool? IsRequired { get; set; }

    public string? ErrorMessage { get; set; }
}

public sealed class InputToggle : CardElement
{
    public required string Title { get; set; }

    public string? Label { get; set; }

    /// <summary>"true" or "false" (the default <c>valueOn</c>/<c>valueOff</c>).</summary>
    public string? Value { get; set; }

    public bool? Wrap { get; set; }
}
