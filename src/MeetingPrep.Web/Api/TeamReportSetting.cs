namespace MeetingPrep.Web.Api;

/// <param name="Weekly">The weekly card is on.</param>
/// <param name="TimeZone">Whose Monday morning it arrives on; the caller's own when not given.</param>
/// <param name="LastSentWeek">The Monday of the last week whose card went out (read only).</param>
public sealed record TeamReportSetting(bool Weekly, string? TimeZone = null, DateOnly? LastSentWeek = null);
