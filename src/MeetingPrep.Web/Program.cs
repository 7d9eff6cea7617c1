using MeetingPrep.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

var settings = MeetingPrepSettings.Bind(builder.Configuration, builder.Environment);
var problems = settings.Validate(builder.Environment);
if (problems.Count > 0)
{
    foreach (var problem in problems)
    {
        await Console.Error.WriteLineAsync(problem.ToString());
    }

    return 2;
}

builder.AddServiceDefaults();
builder.AddMeetingPrep(settings);

var app = builder.Build();

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
