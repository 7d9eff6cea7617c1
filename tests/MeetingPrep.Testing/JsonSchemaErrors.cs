using System.Text.Json;
using Json.Schema;

namespace MeetingPrep.Testing;

/// <summary>A JSON Schema verdict as readable lines ("/body/3/facts: Required properties [title] are not present").</summary>
public static class JsonSchemaErrors
{
    /// <summary>Empty when <paramref name="instance"/> is valid.</summary>
    public static IReadOnlyList<string> Of(JsonSchema schema, JsonElement instance)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var result = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        var errors = (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value} ({d.EvaluationPath})"))
            .Distinct()
            .ToList();
        return errors.Count > 0 ? errors : ["invalid (no details)"];
    }
}
