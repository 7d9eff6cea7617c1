namespace MeetingPrep.Core.Configuration;

/// <summary>
/// A setting that is missing or malformed, named by its configuration key ("Graph:TenantId"), so start-up can say
/// exactly what to set, as JSON or as an environment variable ("Graph__TenantId").
/// </summary>
public sealed record SettingProblem(string Key, string Problem)
{
    public string EnvironmentVariable => Key.Replace(":", "__", StringComparison.Ordinal);

    public override string ToString() =>
        $"Setting {Key}: {Problem}. Set it in appsettings.json or as the environment variable {EnvironmentVariable}.";

    /// <summary>Adds a problem when a required value is blank.</summary>
    public static void Require(ICollection<SettingProblem> problems, string key, string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new SettingProblem(key, $"missing; it is {what}"));
        }
    }

    /// <summary>Adds a problem when a value is set but is not an absolute http(s) URL.</summary>
    public static void RequireUrl(ICollection<SettingProblem> problems, string key, string? value, bool required, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                problems.Add(new SettingProblem(key, $"missing; it is {what}"));
            }

            return;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add(new SettingProblem(key, $"'{value}' is not an absolute http(s) URL; it is {what}"));
        }
    }
}
