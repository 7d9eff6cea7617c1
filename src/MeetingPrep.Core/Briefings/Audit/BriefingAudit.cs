using MeetingPrep.Core.Sources;

namespace MeetingPrep.Core.Briefings.Audit;

/// <summary>
/// One source read for a briefing: which (<c>calendar</c>, <c>mail</c>, <c>crm</c>), whose system (<see cref="Provider"/>:
/// Graph, or the CRM's name), as whom, when the read started, how it ended, and how many records came back.
/// Codes and counts only: never a subject, an address or a line of text.
/// </summary>
/// <param name="Outcome">
/// <c>ok</c>, or why the source was unavailable: <c>timeout</c>, <c>transient</c> (throttled, 5xx), <c>failed</c>
/// (refused, unreadable) or <c>unexpected</c>.
/// </param>
public sealed record SourceRead(string Source, string Provider, SourceAccess Access, DateTimeOffset At, string Outcome, int Items);

/// <summary>
/// How one briefing was made, kept for its reader and their admins: the meeting it was for (by id), when it was written,
/// which writer wrote it (the extractive writer or the model's deployment, and whether the model was configured but the
/// briefing fell back to the extractive one), and every source read for it (<see cref="SourceRead"/>). No content.
/// </summary>
/// <param name="Writer">The writer that wrote it, as the briefing names it ("extractive (no LLM)", "azure-openai:gpt-4o").</param>
/// <param name="Model">The model configured for briefings (its deployment name), null without one.</param>
/// <param name="FellBack">The model was configured but the extractive writer wrote this briefing instead.</param>
public sealed record BriefingAuditRecord(
    string TenantId,
    string UserId,
    string MeetingId,
    DateTimeOffset MeetingStart,
    DateTimeOffset WrittenAt,
    string Writer,
    string? Model,
    bool FellBack,
    IReadOnlyList<SourceRead> Sources)
{
    /// <summary>The record of a briefing written by <paramref name="configuredWriter"/> from <paramref name="context"/>.</summary>
    public static BriefingAuditRecord For(MeetingContext context, Briefing briefing, string configuredWriter)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(briefing);
        var model = configuredWriter == Writing.ExtractiveBriefingWriter.WriterName ? null : configuredWriter;
        return new BriefingAuditRecord(
            context.User.TenantId,
            context.User.UserId,
            context.Meeting.Id,
            context.Meeting.Start,
            briefing.GeneratedAt,
            briefing.Writer,
            model,
            model is not null && briefing.Writer != configuredWriter,
            context.Reads);
    }
}

/// <summary>The audit trail of briefings: written by the briefing engine, read by their user and by their tenant's admins.</summary>
public interface IBriefingAuditLog
{
    Task RecordAsync(BriefingAuditRecord record, CancellationToken cancellationToken);

    /// <summary>The user's own records for one meeting, newest first.</summary>
    Task<IReadOnlyList<BriefingAuditRecord>> ListForMeetingAsync(string tenantId, string userId, string meetingId, CancellationToken cancellationToken);

    /// <summary>A tenant's records written in [from, to), of one user when given, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<BriefingAuditRecord>> ListAsync(string tenantId, string? userId, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken);
}
