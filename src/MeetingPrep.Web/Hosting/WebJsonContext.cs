using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeetingPrep.Web.Hosting;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(Api.ReportResponse))]
[JsonSerializable(typeof(Api.TeamReportSetting))]
[JsonSerializable(typeof(Api.MeetingsResponse))]
[JsonSerializable(typeof(Api.RecipeResponse))]
[JsonSerializable(typeof(Api.FeedbackRequest))]
[JsonSerializable(typeof(List<Api.DemoUserResponse>))]
[JsonSerializable(typeof(Api.AddinConfigResponse))]
[JsonSerializable(typeof(Core.Briefings.Briefing))]
[JsonSerializable(typeof(Core.Recipes.RecipePatch))]
[JsonSerializable(typeof(Core.Security.UserDataExport))]
[JsonSerializable(typeof(Core.Security.PurgeSummary))]
[JsonSerializable(typeof(Security.BriefingAuditResponse))]
[JsonSerializable(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails))]
internal sealed partial class WebJsonContext : JsonSerializerContext;
