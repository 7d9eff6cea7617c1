namespace MeetingPrep.Core.Meetings;

/// <summary>
/// What a meeting id from a request may look like before it goes into a calendar path. Graph ids are opaque (base64-like)
/// and the SDK escapes reserved characters, but a whole id of dots is a dot segment: <c>/users/{id}/events/..</c>
/// becomes <c>/users/{id}</c>, another resource than asked for.
/// </summary>
public static class MeetingIds
{
    /// <summary>Far above any Graph or sandbox id; a bound on what we pass on and store.</summary>
    public const int MaxLength = 512;

    public const string Problem = "The meeting id is not a meeting id.";

    public static bool IsWellFormed([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? id) =>
        !string.IsNullOrWhiteSpace(id)
        && id.Length <= MaxLength
        && id.Any(c => c != '.')
        && !id.Any(char.IsControl);
}
