using MeetingPrep.Demo;
using MeetingPrep.Teams.Bot.Chat;
using MeetingPrep.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace MeetingPrep.Web.Tests.Bot;

/// <summary>Chat questions answered on the demo tenant through the host's own answerer, sources and briefings.</summary>
public sealed class DemoChatTests : IAsyncLifetime
{
    private const string Lena = "lena.vogt@contoso.com";
    private const string WeiLing = "weiling.tan@contoso.com";

    private readonly MeetingPrepApp _app = new(clock: new FakeTimeProvider(MeetingPrepApp.FixedNow));

    public ValueTask InitializeAsync()
    {
        _ = _app.Services;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<ChatAnswer> AskAsync(string upn, string text) => await AskAsync(upn, text, "en-US");

    private async Task<ChatAnswer> AskAsync(string upn, string text, string culture)
    {
        using var scope = _app.Services.CreateAllTenantsScope();
        var tenant = scope.ServiceProvider.GetRequiredService<DemoTenant>();
        var answerer = scope.ServiceProvider.GetRequiredService<IChatAnswerer>();
        // Read in the given language whatever the demo user's stored locale: most tests check the English wording.
        var user = tenant.GetUser(upn) with { Culture = culture };
        return await answerer.AnswerAsync(new ChatRequest(user, text, MeetingPrepApp.FixedNow), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_German_reader_gets_the_commitments_answer_in_German_throughout()
    {
        var answer = await AskAsync(Lena, "was haben wir Fabrikam versprochen", "de-DE");

        Assert.Equal(ChatIntentKind.Commitments, answer.Intent);
        Assert.StartsWith("Was wir zugesagt haben laut Ihrem Briefing für ", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Quellen:", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("from your briefing", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sources:", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what did we promise Fabrikam")]
    [InlineData("was haben wir Fabrikam versprochen")]
    public async Task What_we_promised_an_account_is_answered_from_its_commitments_with_sources(string question)
    {
        var answer = await AskAsync(Lena, question);

        Assert.Equal(ChatIntentKind.Commitments, answer.Intent);
        Assert.Contains("Fabrikam", answer.Text, StringComparison.Ordinal);
        Assert.Contains(" promised on ", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(" asked on ", answer.Text, StringComparison.Ordinal);
        Assert.Contains("[1]", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Sources:", answer.Text, StringComparison.Ordinal);
        Assert.NotNull(answer.Card);
    }

    [Theory]
    [InlineData("what is overdue")]
    [InlineData("was ist überfällig")]
    public async Task What_is_overdue_lists_only_overdue_commitments_of_the_users_meetings(string question)
    {
        var answer = await AskAsync(Lena, question);

        Assert.Equal(ChatIntentKind.Commitments, answer.Intent);
        var lines = answer.Text.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Contains("— overdue", l, StringComparison.Ordinal));
        Assert.NotNull(answer.Card);
    }

    [Fact]
    public async Task What_they_asked_for_lists_their_asks_and_conditions()
    {
        var answer = await AskAsync(WeiLing, "what did Litware ask for");

        Assert.Equal(ChatIntentKind.Commitments, answer.Intent);
        var lines = answer.Text.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.True(l.Contains(" asked on ", StringComparison.Ordinal) || l.Contains(" made it a condition on ", StringComparison.Ordinal), l));
    }

    [Fact]
    public async Task Last_emails_with_a_person_include_threads_they_are_in_but_did_not_send_last()
    {
        var answer = await AskAsync(WeiLing, "last emails with Ken");

        Assert.Equal(ChatIntentKind.LastEmails, answer.Intent);
        Assert.DoesNotContain("No recent e-mail", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Sources:", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_company_name_resolves_to_its_earliest_upcoming_meeting()
    {
        var answer = await AskAsync(Lena, "brief me on Northwind");

        Assert.Equal(ChatIntentKind.PrepFor, answer.Intent);
        Assert.StartsWith("Northwind: weekly status", answer.Text, StringComparison.Ordinal);
    }
}
