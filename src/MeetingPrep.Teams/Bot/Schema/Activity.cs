using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MeetingPrep.Teams.Bot.Schema;

/// <summary>Activity types we route on, compared case-insensitively (the channel is not consistent about case).</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string Invoke = "invoke";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string Typing = "typing";
    public const string Event = "event";
}

/// <summary>An account on the channel: a user (<c>29:…</c>) or a bot (<c>28:…</c>).</summary>
public sealed record ChannelAccount
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? AadObjectId { get; init; }

    public string? Role { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed record ConversationAccount
{
    public string? Id { get; init; }

    public string? ConversationType { get; init; }

    public string? TenantId { get; init; }

    public bool? IsGroup { get; init; }

    public string? Name { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A card or file attached to an activity; the content stays opaque JSON here.</summary>
public sealed record Attachment
{
    public string? ContentType { get; init; }

    public JsonNode? Content { get; init; }

    public string? ContentUrl { get; init; }

    public string? Name { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>
/// An activity as the channel sends it. Only what we read is typed; everything else lands in <see cref="Extra"/>, so a
/// payload survives a round trip unchanged. <c>channelData</c>, <c>value</c> and <c>entities</c> stay raw JSON.
/// </summary>
public sealed record Activity
{
    public string? Type { get; init; }

    public string? Id { get; init; }

    public string? Timestamp { get; init; }

    public string? LocalTimezone { get; init; }

    public string? ServiceUrl { get; init; }

    public string? ChannelId { get; init; }

    public ChannelAccount? From { get; init; }

    public ChannelAccount? Recipient { get; init; }

    public ConversationAccount? Conversation { get; init; }

    public string? Text { get; init; }

    public string? TextFormat { get; init; }

    public string? Locale { get; init; }

    public string? Name { get; init; }

    public string? Action { get; init; }

    public string? ReplyToId { get; init; }

    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }

    public IReadOnlyList<ChannelAccount>? MembersRemoved { get; init; }

    public IReadOnlyList<Attachment>? Attachments { get; init; }

    public JsonElement? Entities { get; init; }

    public JsonElement? Value { get; init; }

    public JsonElement? ChannelData { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    public bool IsType(string type) => string.Equals(Type, type, StringComparison.OrdinalIgnoreCase);

    /// <summary>The tenant of the conversation: <c>conversation.tenantId</c>, or <c>channelData.tenant.id</c> on older payloads.</summary>
    [JsonIgnore]
    public string? TenantId
    {
        get
        {
            if (!string.IsNullOrEmpty(Conversation?.TenantId))
            {
                return Conversation.TenantId;
            }

            return ChannelData is { ValueKind: JsonValueKind.Object } data
                && data.TryGetProperty("tenant", out var tenant) && tenant.ValueKind == JsonValueKind.Object
                && tenant.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
    }

    /// <summary>The user's IANA time zone from <c>localTimezone</c> or the Teams <c>clientInfo</c> entity.</summary>
    [JsonIgnore]
    public string? UserTimeZone
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(LocalTimezone))
            {
                return LocalTimezone;
            }

            if (Entities is { ValueKind: JsonValueKind.Array } entities)
            {
                foreach (var entity in entities.EnumerateArray())
                {
                    if (entity.ValueKind == JsonValueKind.Object
                        && entity.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "clientInfo"
                        && entity.TryGetProperty("timezone", out var zone) && zone.ValueKind == JsonValueKind.String)
                    {
                        return zone.GetString();
                    }
                }
            }

            return null;
        }
    }
}

/// <summary>An activity we send. A separate shape from <see cref="Activity"/>: we only ever write these fields.</summary>
public sealed record OutboundActivity
{
    public string Type { get; init; } = ActivityTypes.Message;

    public string? Id { get; init; }

    public ChannelAccount? From { get; init; }

    public ChannelAccount? Recipient { get; init; }

    public ConversationAccount? Conversation { get; init; }

    public string? ReplyToId { get; init; }

    public string? Text { get; init; }

    public string? TextFormat { get; init; }

    public string? Summary { get; init; }

    public IReadOnlyList<Attachment>? Attachments { get; init; }

    public JsonNode? ChannelData { get; init; }

    public static OutboundActivity FromText(string text) => new() { Text = text, TextFormat = "markdown" };

    public static OutboundActivity FromCard(JsonNode card, string? summary = null) => new()
    {
        Summary = summary,
        Attachments = [new Attachment { ContentType = AdaptiveCardContentType, Content = card }],
    };

    public static OutboundActivity TypingIndicator() => new() { Type = ActivityTypes.Typing };

    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";
}

/// <summary>The connector's answer to a send: the new activity's id.</summary>
public sealed record ResourceResponse(string? Id);

/// <summary>Parameters of <c>POST v3/conversations</c> (a 1:1 conversation for a proactive message).</summary>
public sealed record ConversationParameters(
    ChannelAccount Bot,
    IReadOnlyList<ChannelAccount> Members,
    JsonNode? ChannelData,
    string? TenantId,
    bool IsGroup);

public sealed record ConversationResourceResponse(string? Id, string? ServiceUrl, string? ActivityId);

/// <summary>The connector's error body: <c>{ "error": { "code", "message" } }</c>.</summary>
public sealed record ConnectorErrorBody(ConnectorError? Error);

public sealed record ConnectorError(string? Code, string? Message);

/// <summary>A Teams member as <c>GET v3/conversations/{id}/members/{memberId}</c> returns it.</summary>
public sealed record TeamsMember
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? AadObjectId { get; init; }

    public string? Email { get; init; }

    public string? UserPrincipalName { get; init; }

    public string? TenantId { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>The <c>value</c> of an <c>adaptiveCard/action</c> invoke.</summary>
public sealed record AdaptiveCardInvokeValue(AdaptiveCardInvokeAction? Action, string? Trigger);

public sealed record AdaptiveCardInvokeAction(string? Type, string? Id, string? Verb, JsonElement? Data);

/// <summary>The body of an invoke's HTTP response for Universal Actions.</summary>
public sealed record AdaptiveCardInvokeResponse(int StatusCode, string Type, JsonNode? Value)
{
    public const string CardType = "application/vnd.microsoft.card.adaptive";
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";

    public static AdaptiveCardInvokeResponse Card(JsonNode card) => new(200, CardType, card);

    public static AdaptiveCardInvokeResponse Message(string text) => new(200, MessageType, JsonValue.Create(text));

    public static AdaptiveCardInvokeResponse Error(int status, string code, string message) =>
        new(status, ErrorType, new JsonObject { ["code"] = code, ["message"] = message });
}

/// <summary>What the HTTP response to an invoke carries: a status and a JSON body.</summary>
public sealed record InvokeResponse(int Status, JsonNode? Body);
