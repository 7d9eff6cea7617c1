using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeetingPrep.Connectors.Crm.Remote;

// Wire shapes of the three CRMs. Records stay dictionaries because which fields exist depends on the field map.

internal sealed class TokenResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; set; }

    [JsonPropertyName("expires_in")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public int? ExpiresIn { get; set; }

    /// <summary>Salesforce: the org instance every later call goes to.</summary>
    [JsonPropertyName("instance_url")]
    public string? InstanceUrl { get; set; }
}

/// <summary>Dataverse (OData v4) collection page.</summary>
internal sealed class ODataPage
{
    [JsonPropertyName("value")]
    public List<Dictionary<string, JsonElement>>? Value { get; set; }

    [JsonPropertyName("@odata.nextLink")]
    public string? NextLink { get; set; }
}

/// <summary>Salesforce SOQL query result page.</summary>
internal sealed class SoqlPage
{
    [JsonPropertyName("totalSize")]
    public int TotalSize { get; set; }

    [JsonPropertyName("done")]
    public bool Done { get; set; }

    [JsonPropertyName("nextRecordsUrl")]
    public string? NextRecordsUrl { get; set; }

    [JsonPropertyName("records")]
    public List<Dictionary<string, JsonElement>>? Records { get; set; }
}

internal sealed class HubSpotFilter
{
    [JsonPropertyName("propertyName")]
    public required string PropertyName { get; set; }

    [JsonPropertyName("operator")]
    public required string Operator { get; set; }

    [JsonPropertyName("value")]
    public required string Value { get; set; }
}

internal sealed class HubSpotFilterGroup
{
    [JsonPropertyName("filters")]
    public required List<HubSpotFilter> Filters { get; set; }
}

internal sealed class HubSpotSearchRequest
{
    [JsonPropertyName("filterGroups")]
    public required List<HubSpotFilterGroup> FilterGroups { get; set; }

    [JsonPropertyName("properties")]
    public required List<string> Properties { get; set; }

    [JsonPropertyName("limit")]
    public int Limit { get; set; }

    [JsonPropertyName("after")]
    public string? After { get; set; }
}

internal sealed class HubSpotId
{
    [JsonPropertyName("id")]
    public required string Id { get; set; }
}

internal sealed class HubSpotBatchReadRequest
{
    [JsonPropertyName("properties")]
    public List<string>? Properties { get; set; }

    [JsonPropertyName("inputs")]
    public required List<HubSpotId> Inputs { get; set; }
}

internal sealed class HubSpotObject
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("properties")]
    public Dictionary<string, string?>? Properties { get; set; }

    [JsonPropertyName("updatedAt")]
    public DateTimeOffset? UpdatedAt { get; set; }
}

internal sealed class HubSpotNext
{
    [JsonPropertyName("after")]
    public string? After { get; set; }
}

internal sealed class HubSpotPaging
{
    [JsonPropertyName("next")]
    public HubSpotNext? Next { get; set; }
}

/// <summary>Search and batch-read responses.</summary>
internal sealed class HubSpotPage
{
    [JsonPropertyName("results")]
    public List<HubSpotObject>? Results { get; set; }

    [JsonPropertyName("paging")]
    public HubSpotPaging? Paging { get; set; }
}

internal sealed class HubSpotAssociationTarget
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }
}

internal sealed class HubSpotAssociationResult
{
    [JsonPropertyName("from")]
    public HubSpotAssociationTarget? From { get; set; }

    [JsonPropertyName("to")]
    public List<HubSpotAssociationTarget>? To { get; set; }
}

/// <summary><c>POST /crm/v3/associations/{from}/{to}/batch/read</c> response.</summary>
internal sealed class HubSpotAssociationPage
{
    [JsonPropertyName("results")]
    public List<HubSpotAssociationResult>? Results { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(ODataPage))]
[JsonSerializable(typeof(SoqlPage))]
[JsonSerializable(typeof(HubSpotSearchRequest))]
[JsonSerializable(typeof(HubSpotBatchReadRequest))]
[JsonSerializable(typeof(HubSpotPage))]
[JsonSerializable(typeof(HubSpotAssociationPage))]
internal sealed partial class CrmWireJsonContext : JsonSerializerContext;
