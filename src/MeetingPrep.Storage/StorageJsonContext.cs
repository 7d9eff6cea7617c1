using System.Text.Json;
using System.Text.Json.Serialization;
using MeetingPrep.Core.Recipes;

namespace MeetingPrep.Storage;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(RecipePatch))]
[JsonSerializable(typeof(Core.Meetings.Meeting))]
[JsonSerializable(typeof(IReadOnlyList<Core.Briefings.Audit.SourceRead>))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
