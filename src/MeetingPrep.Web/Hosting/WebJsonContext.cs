using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeetingPrep.Web.Hosting;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(HealthResponse))]
internal sealed partial class WebJsonContext : JsonSerializerContext;
