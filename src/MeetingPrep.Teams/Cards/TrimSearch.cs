namespace MeetingPrep.Teams.Cards;

/// <summary>How <see cref="BriefingCardRenderer"/> finds how many lines to trim from a card over its budget.</summary>
internal enum TrimSearch
{
    /// <summary>Estimated from the lines' texts and corrected by each card built: two or three builds.</summary>
    Interpolate,

    /// <summary>Bisection over the count, about ten builds: the benchmark's baseline.</summary>
    Bisect,
}
