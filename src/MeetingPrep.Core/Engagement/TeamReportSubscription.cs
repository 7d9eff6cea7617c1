namespace MeetingPrep.Core.Engagement;

/// <summary>
/// A leader who asked for the weekly team report card in their chat with the bot (<c>PUT /api/me/team-report</c>, leaders
/// and admins only): in their time zone, and the week (its Monday) of the last card sent, so each week goes out once.
/// </summary>
public sealed record TeamReportSubscription(string TenantId, string UserId, string TimeZone, DateTimeOffset UpdatedAt, DateOnly? LastSentWeek);
