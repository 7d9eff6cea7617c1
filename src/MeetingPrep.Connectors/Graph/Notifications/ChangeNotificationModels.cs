using System.Text.Json.Serialization;

namespace MeetingPrep.Connectors.Graph.Notifications;

/// <summary>The body Graph POSTs to a notification or lifecycle URL: <c>{"value":[…]}</c>.</summary>
internal sealed class ChangeNotificationCollection
{
    [JsonPropertyName("value")]
    public List<ChangeNotificationItem>? Value { get; set; }
}

/// <summary>One change or lifecycle notification; lifecycle ones carry <see cref="LifecycleEvent"/> and no resource.</summary>
internal sealed class ChangeNotificationItem
{
    [JsonPropertyName("subscriptionId")]
    public string? SubscriptionId { get; set; }

    [JsonPropertyName("subscriptionExpirationDateTime")]
    public DateTimeOffset? SubscriptionExpirationDateTime { get; set; }

    [JsonPropertyName("changeType")]
    public string? ChangeType { get; set; }

    [JsonPropertyName("resource")]
    public string? Resource { get; set; }

    [JsonPropertyName("resourceData")]
    public ChangeNotificationResourceData? ResourceData { get; set; }

    [JsonPropertyName("clientState")]
    public string? ClientState { get; set; }

    [JsonPropertyName("tenantId")]
    public string? TenantId { get; set; }

    [JsonPropertyName("lifecycleEvent")]
    public string? LifecycleEvent { get; set; }
}

internal sealed class ChangeNotificationResourceData
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("@odata.etag")]
    public string? ETag { get; set; }
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(ChangeNotificationCollection))]
internal sealed partial class ChangeNotificationJsonContext : JsonSerializerContext;
