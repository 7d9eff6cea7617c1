using System.ComponentModel.DataAnnotations;
using MeetingPrep.Core.Configuration;
using Microsoft.Extensions.Options;

namespace MeetingPrep.Web.Hosting;

/// <summary>
/// Validates one settings section with the options pattern: its data annotations and its own rules, each failure one
/// line naming the setting (<see cref="SettingProblem"/>), so start-up says exactly what to set.
/// </summary>
public sealed class SettingsValidator<TOptions>(string section, Func<TOptions, IEnumerable<SettingProblem>> rules) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var annotations = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), annotations, validateAllProperties: true);
        List<string> failures =
        [
            .. annotations.Select(a => new SettingProblem($"{section}:{a.MemberNames.FirstOrDefault()}", a.ErrorMessage ?? "is not valid").ToString()),
            .. rules(options).Select(p => p.ToString()),
        ];
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
