using MeetingPrep.Connectors.Crm;
using MeetingPrep.Connectors.Graph;
using MeetingPrep.Connectors.Llm;
using MeetingPrep.Storage;
using MeetingPrep.Teams.Bot;
using Microsoft.Extensions.Options;
using MeetingPrep.Web.Security;

namespace MeetingPrep.Web.Hosting;

/// <summary>
/// All settings, as the options pattern bound and validated them (<see cref="SettingsRegistration"/>), for composing the
/// app: which sources, writer and jobs to register.
/// </summary>
public sealed class MeetingPrepSettings
{
    public required bool IsDemo { get; init; }

    public required DemoOptions Demo { get; init; }

    public required BotOptions Bot { get; init; }

    public required GraphOptions Graph { get; init; }

    public required CrmOptions Crm { get; init; }

    public required LlmOptions Llm { get; init; }

    public required StorageOptions Storage { get; init; }

    public required SchedulerOptions Scheduler { get; init; }

    public required SecurityOptions Security { get; init; }

    public required RetentionOptions Retention { get; init; }

    /// <summary>
    /// The CRM lives in our own database (<c>Crm:Provider=BuiltIn</c>, or the demo): only then are its services registered
    /// and its import/export API and record pages mapped.
    /// </summary>
    public bool UsesBuiltInCrm => IsDemo || Crm.Provider == CrmProvider.BuiltIn;

    /// <summary>The bound and validated options of every section (see <see cref="SettingsRegistration"/>).</summary>
    public static MeetingPrepSettings From(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        T Value<T>()
            where T : class => services.GetRequiredService<IOptions<T>>().Value;
        var demo = Value<DemoOptions>();
        return new MeetingPrepSettings
        {
            IsDemo = demo.Enabled == true,
            Demo = demo,
            Bot = Value<BotOptions>(),
            Graph = Value<GraphOptions>(),
            Crm = Value<CrmOptions>(),
            Llm = Value<LlmOptions>(),
            Storage = Value<StorageOptions>(),
            Scheduler = Value<SchedulerOptions>(),
            Security = Value<SecurityOptions>(),
            Retention = Value<RetentionOptions>(),
        };
    }
}
