using Xunit;

namespace MeetingPrep.Web.Tests;

/// <summary>The verbs as an operator types them: help, wrong options, missing values and typos, in a process of its own.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task Help_describes_the_verb_and_briefs_nothing()
    {
        var (exitCode, stdout, stderr) = await HostProcess.RunAsync("Development", [], "brief", "--help");

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("--meeting", stdout, StringComparison.Ordinal);
        Assert.Contains("--next", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("In short", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("brief", "--bogus")]
    [InlineData("brief", "--meeting")]
    [InlineData("brief", "--next", "--meeting", "evt-1")]
    [InlineData("scenario", "export")]
    [InlineData("crm", "import")]
    [InlineData("eval", "samples", "--max-wrong", "many")]
    public async Task Wrong_usage_is_an_error_on_stderr_with_exit_code_2(params string[] args)
    {
        var (exitCode, stdout, stderr) = await HostProcess.RunAsync("Development", [], args);

        Assert.Equal(2, exitCode);
        Assert.Contains("--help", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    [Fact]
    public async Task A_misspelt_verb_is_an_error_not_the_web_server()
    {
        var (exitCode, stdout, stderr) = await HostProcess.RunAsync("Development", [], "breif", "--next");

        Assert.Equal(2, exitCode);
        Assert.Contains("breif", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", stdout, StringComparison.Ordinal);
    }
}
