namespace MeetingPrep.Teams.Bot;

/// <summary>What a proactive card sent with <see cref="TeamsBriefingNotifier.SendCardAsync"/> is, as its log lines name it.</summary>
public enum ProactiveCard
{
    Briefing,
    MorningDigest,
    TeamReport,
}
