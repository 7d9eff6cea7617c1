using System.Text.Json.Serialization;

namespace MeetingPrep.Teams.Cards;

// Enum values are written exactly as the 1.5 schema spells them.
[JsonConverter(typeof(JsonStringEnumConverter<Spacing>))]
public enum Spacing
{
    [JsonStringEnumMemberName("none")] None,
    [JsonStringEnumMemberName("small")] Small,
    [JsonStringEnumMemberName("default")] Default,
    [JsonStringEnumMemberName("medium")] Medium,
    [JsonStringEnumMemberName("large")] Large,
}

[JsonConverter(typeof(JsonStringEnumConverter<FontSize>))]
public enum FontSize
{
    [JsonStringEnumMemberName("small")] Small,
    [JsonStringEnumMemberName("default")] Default,
    [JsonStringEnumMemberName("medium")] Medium,
    [JsonStringEnumMemberName("large")] Large,
}

[JsonConverter(typeof(JsonStringEnumConverter<FontWeight>))]
public enum FontWeight
{
    [JsonStringEnumMemberName("lighter")] Lighter,
    [JsonStringEnumMemberName("default")] Default,
    [JsonStringEnumMemberName("bolder")] Bolder,
}

[JsonConverter(typeof(JsonStringEnumConverter<TextColor>))]
public enum TextColor
{
    [JsonStringEnumMemberName("default")] Default,
    [JsonStringEnumMemberName("accent")] Accent,
    [JsonStringEnumMemberName("good")] Good,
    [JsonStringEnumMemberName("warning")] Warning,
    [JsonStringEnumMemberName("attention")] Attention,
}

[JsonConverter(typeof(JsonStringEnumConverter<TextBlockStyle>))]
public enum TextBlockStyle
{
    [JsonStringEnumMemberName("default")] Default,
    [JsonStringEnumMemberName("heading")] Heading,
}

[JsonConverter(typeof(JsonStringEnumConverter<ContainerStyle>))]
public enum ContainerStyle
{
    [JsonStringEnumMemberName("default")] Default,
    [JsonStringEnumMemberName("emphasis")] Emphasis,
    [JsonStringEnumMemberName("good")] Good,
    [JsonStringEnumMemberName("attention")] Attention,
    [JsonStringEnumMemberName("warning")] Warning,
    [JsonStringEnumMemberName("accent")] Accent,
}

[JsonConverter(typeof(JsonStringEnumConverter<VerticalAlignment>))]
public enum VerticalAlignment
{
    [JsonStringEnumMemberName("top")] Top,
    [JsonStringEnumMemberName("center")] Center,
    [JsonStringEnumMemberName("bottom")] Bottom,
}

[JsonConverter(typeof(JsonStringEnumConverter<ImageSize>))]
public enum ImageSize
{
    [JsonStringEnumMemberName("auto")] Auto,
    [JsonStringEnumMemberName("small")] Small,
    [JsonStringEnumMemberName("medium")] Medium,
    [JsonStringEnumMemberName("large")] Large,
}

[JsonConverter(typeof(JsonStringEnumConverter<ChoiceInputStyle>))]
public enum ChoiceInputStyle
{
    [JsonStringEnumMemberName("compact")] Compact,
    [JsonStringEnumMemberName("expanded")] Expanded,
}

[JsonConverter(typeof(JsonStringEnumConverter<ActionStyle>))]
public enum ActionStyle
{
    [JsonStringEnumMemberName("default")] Default,
    [JsonStringEnumMemberName("positive")] Positive,
    [JsonStringEnumMemberName("destructive")] Destructive,
}

[JsonConverter(typeof(JsonStringEnumConverter<ActionMode>))]
public enum ActionMode
{
    [JsonStringEnumMemberName("primary")] Primary,
    [JsonStringEnumMemberName("secondary")] Secondary,
}

[JsonConverter(typeof(JsonStringEnumConverter<AssociatedInputs>))]
public enum AssociatedInputs
{
    [JsonStringEnumMemberName("auto")] Auto,
    [JsonStringEnumMemberName("none")] None,
}
