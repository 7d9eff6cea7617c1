using MeetingPrep.Web.Hosting;

// A verb composes what it needs itself (eval one host per pack); without one, the web service starts.
if (await CommandLineVerbs.TryRunAsync(args, Console.Out, Console.Error) is { } exitCode)
{
    return exitCode;
}

var app = AppComposition.Build(new WebApplicationOptions { Args = args }, overrides: null, Console.Error);
if (app is null)
{
    return 2;
}

await app.PrepareStorageAsync();

app.MapServiceDefaults();
app.MapMeetingPrep();

await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
