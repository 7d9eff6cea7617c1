using System.Text.Json.Serialization;

namespace MeetingPrep.Teams.Cards;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ExecuteAction), "Action.Execute")]
[JsonDerivedType(typeof(OpenUrlAction), "Action.OpenUrl")]
[JsonDerivedType(typeof(ShowCardAction), "Action.ShowCard")]
[JsonDerivedType(typeof(ToggleVisibilityAction), "Action.ToggleVisibility")]
[JsonDerivedType(typeof(SubmitAction), "Action.Submit")]
public abstract class CardAction
{
    public string? Id { get; set; }

    public string? Title { get; set; }

    public ActionStyle? Style { get; set; }

    /// <summary>1.5: <c>secondary</c> moves the action into the overflow menu; dropped for 1.4 hosts.</summary>
    public ActionMode? Mode { get; set; }

    /// <summary>1.5 only; dropped for 1.4 hosts.</summary>
    public string? Tooltip { get; set; }
}

/// <summary>Universal Action: arrives at the bot as an <c>adaptiveCard/action</c> invoke with this verb and data.</summary>
public sealed class ExecuteAction : CardAction
{
    public required string Verb { get; set; }

    public CardActionData? Data { get; set; }

    public AssociatedInputs? AssociatedInputs { get; set; }
}

public sealed class OpenUrlAction : CardAction
{
    public required Uri Url { get; set; }
}

public sealed class ShowCardAction : CardAction
{
    public required AdaptiveCard Card { get; set; }
}

public sealed class ToggleVisibilityAction : CardAction
{
    /// <summary>Element ids; the bare-string form of TargetElement.</summary>
    public List<string> TargetElements { get; set; } = [];
}

/// <summary>
/// Classic submit; we emit it only where Teams needs it: <c>data.msteams.type = task/fetch</c> opens a dialog
/// (the bot answers a <c>task/fetch</c> invoke carrying this data).
/// </summary>
public sealed class SubmitAction : CardAction
{
    public CardActionData? Data { get; set; }
}
