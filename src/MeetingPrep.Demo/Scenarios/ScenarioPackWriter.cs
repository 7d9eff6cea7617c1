using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using MeetingPrep.Demo.Sandbox;

namespace MeetingPrep.Demo.Scenarios;

/// <summary>
/// Writes a tenant as a scenario pack: <c>scenario.json</c>, each user's calendar and mailbox exactly as the sandbox
/// serves them (calendarView's occurrences, UTC), and the CRM files given. This is how the generated demo tenant becomes
/// a pack, so the demo and every other pack go through one loader.
/// </summary>
public static class ScenarioPackWriter
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(DemoTenant tenant, string folder, string title, IReadOnlyDictionary<string, string> crmFiles)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(crmFiles);
        Directory.CreateDirectory(folder);
        WriteJson(Path.Combine(folder, ScenarioPackReader.ScenarioFile), w =>
        {
            w.WriteStartObject();
            w.WriteNumber("formatVersion", ScenarioPack.FormatVersion);
            w.WriteString("title", title);
            w.WriteString("now", tenant.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteString("tenantId", tenant.TenantId);
            w.WriteStartObject("organization");
            w.WriteString("name", tenant.DisplayName);
            w.WriteStartArray("domains");
            foreach (var domain in tenant.Domains)
            {
                w.WriteStringValue(domain);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartArray("users");
            foreach (var user in tenant.Users)
            {
                w.WriteStartObject();
                w.WriteString("upn", user.Upn);
                w.WriteString("id", user.UserId);
                w.WriteString("displayName", user.DisplayName);
                w.WriteString("timeZone", user.TimeZone);
                w.WriteString("preferredLanguage", user.Culture);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });

        var utc = new Rendering(TimeZoneInfo.Utc, "UTC", TextBodies: false);
        foreach (var user in tenant.Users)
        {
            var dir = Path.Combine(folder, ScenarioPackReader.GraphFolder, user.Upn);
            Directory.CreateDirectory(dir);
            var events = tenant.EventsOf(user.UserId).Where(e => !e.IsDeleted && e.Type != "seriesMaster").OrderBy(e => e.Start).ThenBy(e => e.Id, StringComparer.Ordinal);
            WriteJson(Path.Combine(dir, ScenarioPackReader.EventsFile), w =>
            {
                w.WriteStartArray();
                foreach (var e in events)
                {
                    GraphJson.WriteEvent(w, e, select: null, utc);
                }

                w.WriteEndArray();
            });
            var messages = tenant.MessagesOf(user.UserId).OrderBy(m => m.Received).ThenBy(m => m.Id, StringComparer.Ordinal);
            WriteJson(Path.Combine(dir, ScenarioPackReader.MessagesFile), w =>
            {
                w.WriteStartArray();
                foreach (var m in messages)
                {
                    GraphJson.WriteMessage(w, m, select: null, utc);
                }

                w.WriteEndArray();
            });
        }

        if (crmFiles.Count > 0)
        {
            var crm = Path.Combine(folder, ScenarioPackReader.CrmFolder);
            Directory.CreateDirectory(crm);
            foreach (var (name, text) in crmFiles)
            {
                File.WriteAllText(Path.Combine(crm, name), text);
            }
        }
    }

    private static void WriteJson(string path, Action<Utf8JsonWriter> write)
    {
        using var stream = File.Create(path);
        using var writer = new Utf8JsonWriter(stream, Indented);
        write(writer);
        writer.Flush();
        stream.WriteByte((byte)'\n');
    }
}
