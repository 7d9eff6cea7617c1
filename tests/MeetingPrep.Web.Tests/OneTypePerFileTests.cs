using System.Text.RegularExpressions;
using MeetingPrep.Testing;

namespace MeetingPrep.Web.Tests;

/// <summary>
/// One public top-level type per source file, named after it, so a type is found by its name. The files listed in
/// <see cref="NotYetSplit"/> predate the rule; the list only shrinks (a listed file that complies fails the test
/// until it is removed from the list), and no other file may break the rule.
/// </summary>
public sealed partial class OneTypePerFileTests
{
    /// <summary>Files that still declare several public types (or none named after the file), to be split one by one.</summary>
    private static readonly HashSet<string> NotYetSplit = new(StringComparer.Ordinal)
    {
        "src/MeetingPrep.Connectors/Llm/LlmBriefingWriter.cs",
        "src/MeetingPrep.Connectors/Llm/LlmOptions.cs",
        "src/MeetingPrep.Core/Briefings/Audit/BriefingAudit.cs",
        "src/MeetingPrep.Core/Briefings/Briefing.cs",
        "src/MeetingPrep.Core/Briefings/BriefingPolicy.cs",
        "src/MeetingPrep.Core/Briefings/BriefingService.cs",
        "src/MeetingPrep.Core/Briefings/ContextGatherer.cs",
        "src/MeetingPrep.Core/Briefings/MeetingContext.cs",
        "src/MeetingPrep.Core/Briefings/SourceOutcomes.cs",
        "src/MeetingPrep.Core/Briefings/Verification/ClaimVerifier.cs",
        "src/MeetingPrep.Core/Briefings/Writing/AgendaReader.cs",
        "src/MeetingPrep.Core/Briefings/Writing/CommitmentCues.cs",
        "src/MeetingPrep.Core/Briefings/Writing/Commitments.cs",
        "src/MeetingPrep.Core/Briefings/Writing/Relevance.cs",
        "src/MeetingPrep.Core/Briefings/Writing/SalientSentences.cs",
        "src/MeetingPrep.Core/Briefings/Writing/TextCues.cs",
        "src/MeetingPrep.Core/Crm/CrmRecords.cs",
        "src/MeetingPrep.Core/Crm/IBuiltInCrmStore.cs",
        "src/MeetingPrep.Core/Crm/MetricTrend.cs",
        "src/MeetingPrep.Core/Delivery/ConversationReference.cs",
        "src/MeetingPrep.Core/Delivery/DeliveryLog.cs",
        "src/MeetingPrep.Core/Delivery/ProactiveBriefingPlanner.cs",
        "src/MeetingPrep.Core/Engagement/Engagement.cs",
        "src/MeetingPrep.Core/Engagement/EngagementReport.cs",
        "src/MeetingPrep.Core/Feedback/Feedback.cs",
        "src/MeetingPrep.Core/Mail/EmailMessage.cs",
        "src/MeetingPrep.Core/Meetings/Meeting.cs",
        "src/MeetingPrep.Core/Recipes/BriefingRecipe.cs",
        "src/MeetingPrep.Core/Recipes/RecipePatch.cs",
        "src/MeetingPrep.Core/Security/UserData.cs",
        "src/MeetingPrep.Core/Sources/SourceRef.cs",
        "src/MeetingPrep.Demo/DemoCatalog.cs",
        "src/MeetingPrep.Demo/Scenarios/ScenarioExpectations.cs",
        "src/MeetingPrep.Demo/Scenarios/ScenarioPack.cs",
        "src/MeetingPrep.Storage/Crm/BuiltInCrmRecords.cs",
        "src/MeetingPrep.Storage/Crm/CrmConfigurations.cs",
        "src/MeetingPrep.Storage/Crm/CrmEntities.cs",
        "src/MeetingPrep.Storage/Crm/Csv/CrmCsvImporter.cs",
        "src/MeetingPrep.Storage/Crm/Csv/CrmCsvReader.cs",
        "src/MeetingPrep.Storage/Crm/Csv/CsvParser.cs",
        "src/MeetingPrep.Storage/Crm/RecordLinkSigner.cs",
        "src/MeetingPrep.Storage/EfConversationReferenceStore.cs",
        "src/MeetingPrep.Storage/EfDeliveryLog.cs",
        "src/MeetingPrep.Storage/MeetingPrepDbContext.cs",
        "src/MeetingPrep.Teams/Bot/BotUsers.cs",
        "src/MeetingPrep.Teams/Bot/Chat/ChatAnswerer.cs",
        "src/MeetingPrep.Teams/Bot/Chat/IntentClassifier.cs",
        "src/MeetingPrep.Teams/Bot/Chat/LlmChatAnswerer.cs",
        "src/MeetingPrep.Teams/Bot/Routing/ActivityRouter.cs",
        "src/MeetingPrep.Teams/Bot/Routing/BotTurnProcessor.cs",
        "src/MeetingPrep.Teams/Bot/Schema/Activity.cs",
        "src/MeetingPrep.Teams/Bot/Schema/BotJsonContext.cs",
        "src/MeetingPrep.Teams/Cards/AdaptiveCard.cs",
        "src/MeetingPrep.Teams/Cards/AnswerCardBuilder.cs",
        "src/MeetingPrep.Teams/Cards/BriefingCardRenderer.cs",
        "src/MeetingPrep.Teams/Cards/CardActions.cs",
        "src/MeetingPrep.Teams/Cards/CardElements.cs",
        "src/MeetingPrep.Teams/Cards/CardEnums.cs",
        "src/MeetingPrep.Teams/Cards/CardHost.cs",
        "src/MeetingPrep.Teams/Cards/DigestCardBuilder.cs",
        "src/MeetingPrep.Teams/Cards/SettingsCardBuilder.cs",
        "src/MeetingPrep.Web/Api/AddinApi.cs",
        "src/MeetingPrep.Web/Api/BriefingApi.cs",
        "src/MeetingPrep.Web/Api/DemoApi.cs",
        "src/MeetingPrep.Web/Api/FollowUpApi.cs",
        "src/MeetingPrep.Web/Api/ReportApi.cs",
        "src/MeetingPrep.Web/Auth/DemoAuthentication.cs",
        "src/MeetingPrep.Web/Crm/CrmEndpoints.cs",
        "src/MeetingPrep.Web/Hosting/ServiceDefaults.cs",
        "src/MeetingPrep.Web/Scenarios/EvalCommand.cs",
        "src/MeetingPrep.Web/Scenarios/ScenarioLoader.cs",
        "src/MeetingPrep.Web/Scenarios/ScenarioScorer.cs",
        "src/MeetingPrep.Web/Scheduling/JobLock.cs",
        "src/MeetingPrep.Web/Security/BriefingAuditApi.cs",
        "src/MeetingPrep.Web/Security/SecurityOptions.cs",
        "src/MeetingPrep.Web/WebText.cs",
    };

    [Fact]
    public void Every_source_file_declares_one_public_type_named_after_it()
    {
        var files = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepoPaths.Root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)
                // Generated by EF Core's tooling.
                && !f.Contains("/Migrations/", StringComparison.Ordinal))
            .ToList();
        Assert.Contains("src/MeetingPrep.Teams/Bot/Connector/SendLedger.cs", files);

        var broken = files.Where(f => !Complies(f)).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(broken.Except(NotYetSplit).Select(f => $"{f} declares {string.Join(", ", PublicTypes(f))}"));
        Assert.Empty(NotYetSplit.Except(broken).Select(f => $"{f} now complies (or is gone): remove it from NotYetSplit"));
    }

    [Theory]
    [InlineData("public sealed class A;\npublic sealed record B(int X);", new[] { "A", "B" })]
    [InlineData("public static partial class Log\n{\n    public sealed class Nested;\n}", new[] { "Log" })]
    [InlineData("internal sealed class Helper;\npublic readonly record struct Key(string Id);\npublic delegate Task Turn<T>(T x);", new[] { "Key", "Turn" })]
    public void Public_top_level_types_are_read_from_the_source(string source, string[] expected) =>
        Assert.Equal(expected, Declared(source));

    private static bool Complies(string file) => PublicTypes(file) is var types && (types.Count == 0 || (types.Count == 1 && types[0] == Path.GetFileNameWithoutExtension(file)));

    private static List<string> PublicTypes(string file) => Declared(File.ReadAllText(Path.Combine(RepoPaths.Root, file)));

    /// <summary>Public types at column 0 (file-scoped namespaces: nested types are indented).</summary>
    private static List<string> Declared(string source) =>
        [.. TopLevelPublicType().Matches(source).Select(m => m.Groups["type"].Success ? m.Groups["type"].Value : m.Groups["delegate"].Value)];

    [GeneratedRegex(@"^public\s+(?:(?:sealed|static|abstract|partial|readonly|ref|unsafe|new)\s+)*(?:(?:record\s+struct|record\s+class|record|class|struct|interface|enum)\s+(?<type>[A-Za-z_]\w*)|delegate\s+[^(]*?\s(?<delegate>[A-Za-z_]\w*)\s*[<(])", RegexOptions.Multiline)]
    private static partial Regex TopLevelPublicType();
}
