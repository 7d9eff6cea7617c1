using MeetingPrep.Connectors.Crm;
using MeetingPrep.Connectors.Graph;
using MeetingPrep.Connectors.Llm;
using MeetingPrep.Core.Configuration;
using MeetingPrep.Storage;
using MeetingPrep.Teams.Bot;
using MeetingPrep.Web.Security;

namespace MeetingPrep.Web.Hosting;

/// <summary>
/// All settings, bound once from configuration and checked before anything starts. Demo mode needs nothing;
/// production mode needs real Bot, Graph and CRM settings, and names each missing one in a single line.
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

    public static MeetingPrepSettings Bind(IConfiguration configuration, IHostEnvironment environment)
    {
        var demo = configuration.GetSection(DemoOptions.SectionName).Get<DemoOptions>() ?? new DemoOptions();
        return new MeetingPrepSettings
        {
            IsDemo = demo.Enabled ?? environment.IsDevelopment(),
            Demo = demo,
            Bot = configuration.GetSection(BotOptions.SectionName).Get<BotOptions>() ?? new BotOptions(),
            Graph = configuration.GetSection(GraphOptions.SectionName).Get<GraphOptions>() ?? new GraphOptions(),
            Crm = configuration.GetSection(CrmOptions.SectionName).Get<CrmOptions>() ?? new CrmOptions(),
            Llm = configuration.GetSection(LlmOptions.SectionName).Get<LlmOptions>() ?? new LlmOptions(),
            Storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions(),
            Scheduler = configuration.GetSection(SchedulerOptions.SectionName).Get<SchedulerOptions>() ?? new SchedulerOptions(),
            Security = configuration.GetSection(SecurityOptions.SectionName).Get<SecurityOptions>() ?? new SecurityOptions(),
            Retention = configuration.GetSection(RetentionOptions.SectionName).Get<RetentionOptions>() ?? new RetentionOptions(),
        };
    }

    /// <summary>Every problem with the settings for the mode we would start in; empty when start-up may go on.</summary>
    public IReadOnlyList<SettingProblem> Validate(IHostEnvironment environment)
    {
        var problems = new List<SettingProblem>();
        if (IsDemo && !environment.IsDevelopment())
        {
            problems.Add(new SettingProblem(
                "Demo:Enabled",
                $"the demo tenant cannot run in the {environment.EnvironmentName} environment; set it to false (or run with ASPNETCORE_ENVIRONMENT=Development)"));
        }

        if (Storage.Provider == StorageProvider.Postgres)
        {
            SettingProblem.Require(problems, "Storage:ConnectionString", Storage.ConnectionString, "the PostgreSQL connection string (Host=…;Database=…;Username=…;Password=…)");
        }

        problems.AddRange(Scheduler.Validate());
        problems.AddRange(Security.Validate());
        problems.AddRange(Retention.Validate());
        problems.AddRange(Llm.Validate());
        if (!IsDemo)
        {
            problems.AddRange(Bot.Validate());
            problems.AddRange(Graph.Validate());
            problems.AddRange(Crm.Validate());
        }

        return problems;
    }
}
