using MeetingPrep.Web.Hosting;
using MeetingPrep.Web.Scenarios;

// eval composes one host per pack itself, so it runs before (and instead of) the service's own composition.
if (args.FirstOrDefault() == EvalCommand.Name)
{
    return await EvalCommand.RunAsync(args[1..], Console.Out, Console.Error);
}

var app = AppComposition.Build(new WebApplicationOptions { Args = args }, overrides: null, Console.Error);
if (app is null)
{
    return 2;
}

await app.PrepareStorageAsync();

if (CommandLineVerbs.TryGet(args, out var verb))
{
    return await verb.RunAsync(app, Console.Out);
}

app.MapServiceDefaults();
app.MapMeetingPrep();

await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
