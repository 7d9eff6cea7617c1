namespace MeetingPrep.Web.Api;

/// <summary>The meeting an invitation is about (<see cref="InvitationApi"/>): its id in the user's own calendar.</summary>
public sealed record InvitedMeeting(string MeetingId);
