using System.ComponentModel.DataAnnotations;

namespace MeetingPrep.Web.Hosting;

/// <summary>The <c>RateLimit</c> section: how many requests one caller may make per window.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimit";

    /// <summary>Requests per window from one address to the endpoints anyone may call (record pages, webhook, health, pane config).</summary>
    [Range(1, 1_000_000, ErrorMessage = "must be between {1} and {2}")]
    public int AnonymousPerWindow { get; set; } = 120;

    /// <summary>Requests per window from one signed-in user to the API.</summary>
    [Range(1, 1_000_000, ErrorMessage = "must be between {1} and {2}")]
    public int UserPerWindow { get; set; } = 600;

    [Range(1, 24 * 3600, ErrorMessage = "must be between {1} and {2}")]
    public int WindowSeconds { get; set; } = 60;
}
