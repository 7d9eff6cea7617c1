namespace MeetingPrep.Core.Briefings.Writing;

/// <summary>A deal's close date moved later (<paramref name="From"/> → <paramref name="To"/>) since the briefing for a meeting on <paramref name="Since"/>.</summary>
internal readonly record struct CloseSlip(DateOnly From, DateOnly To, DateTimeOffset Since)
{
    public string Text(BriefingFormat format) => $"close date slipped from {format.Day(From)} to {format.Day(To)} since {format.Day(Since)}";
}
