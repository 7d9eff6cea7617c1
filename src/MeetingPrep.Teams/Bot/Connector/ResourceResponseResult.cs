namespace MeetingPrep.Teams.Bot.Connector;

/// <summary>The activity id a send produced, and whether the ledger answered a repeat without sending again.</summary>
public sealed record ResourceResponseResult(string? ActivityId, bool WasDuplicate);
