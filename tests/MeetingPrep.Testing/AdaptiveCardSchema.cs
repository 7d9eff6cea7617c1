using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace MeetingPrep.Testing;

/// <summary>
/// The official Adaptive Card 1.5 JSON schema, with the host extensions our cards carry (<c>msteams</c> for Teams,
/// <c>originator</c> for Outlook) declared on the card root; everything else stays as strict as published.
/// </summary>
public static class AdaptiveCardSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(Load);

    public static string SchemaPath => Path.Combine(RepoPaths.Shared, "schemas", "adaptivecards", "adaptive-card-1.5.0.schema.json");

    /// <summary>Readable errors ("/body/3/facts: Required properties [title] are not present"), empty when valid.</summary>
    public static IReadOnlyList<string> Validate(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSchemaErrors.Of(Schema.Value, document.RootElement);
    }

    private static JsonSchema Load()
    {
        var root = JsonNode.Parse(File.ReadAllText(SchemaPath))!.AsObject();
        var cardProperties = root["definitions"]!["AdaptiveCard"]!["properties"]!.AsObject();
        cardProperties["msteams"] = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { ["width"] = new JsonObject { ["enum"] = new JsonArray("Full") } },
            ["additionalProperties"] = false,
        };
        cardProperties["originator"] = new JsonObject { ["type"] = "string" };

        // A private registry: the schema's id would otherwise clash with other loads in the global one.
        return JsonSchema.FromText(root.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }
}
