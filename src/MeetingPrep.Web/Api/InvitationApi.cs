using System.Security.Claims;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MeetingPrep.Web.Api;

/// <summary>
/// <c>GET /api/invitations/{messageId}/meeting</c>: the Outlook pane opened on an invitation in the inbox (a message, not
/// the calendar item) asks which meeting it is about, then shows that meeting's briefing like any other. The answer comes
/// from the user's own mailbox, so it names only a meeting in their calendar; the briefing still checks they attend.
/// </summary>
public static class InvitationApi
{
    public static IEndpointRouteBuilder MapInvitationApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api").RequireAuthorization(MeetingPrepClaims.UserPolicy)
            .MapGet("/invitations/{messageId}/meeting", FindAsync);
        return app;
    }

    internal static async Task<Results<Ok<InvitedMeeting>, ProblemHttpResult>> FindAsync(
        string messageId, ClaimsPrincipal principal, ICalendarSource calendar, CancellationToken cancellationToken)
    {
        if (!MeetingIds.IsWellFormed(messageId))
        {
            return TypedResults.Problem("The message id is not a message id.", statusCode: StatusCodes.Status400BadRequest);
        }

        var meetingId = await calendar.FindInvitedMeetingIdAsync(BriefingApi.CurrentUser(principal), messageId, cancellationToken);
        return meetingId is null
            ? TypedResults.Problem("This message is no invitation to a meeting in your calendar.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(new InvitedMeeting(meetingId));
    }
}
