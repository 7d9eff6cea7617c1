using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeetingPrep.Teams.Cards;

/// <summary>Writes cards as the hosts expect them: camelCase, nulls omitted, enums as the schema spells them.</summary>
public static class AdaptiveCardSerializer
{
    // Cards go to the Bot Connector and to fetch() as JSON, never inline in HTML, so non-ASCII text is written as
    // UTF-8 rather than \uXXXX escapes (which would triple the size of non-Latin briefings against the budget).
    private static readonly CardJsonContext Context = new(new JsonSerializerOptions(CardJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>The card's JSON, compact (as sent).</summary>
    public static string Serialize(AdaptiveCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return JsonSerializer.Serialize(card, Context.AdaptiveCard);
    }

    public static byte[] SerializeToUtf8Bytes(AdaptiveCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return JsonSerializer.SerializeToUtf8Bytes(card, Context.AdaptiveCard);
    }

    /// <summary>The card as a JSON element, e.g. to place as an attachment's <c>content</c> or an invoke response <c>value</c>.</summary>
    public static JsonElement ToJsonElement(AdaptiveCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return JsonSerializer.SerializeToElement(card, Context.AdaptiveCard);
    }

    /// <summary>Serialized UTF-8 size in bytes, the unit of the size budget.</summary>
    public static int SizeInBytes(AdaptiveCard card) => Encoding.UTF8.GetByteCount(Serialize(card));

    /// <summary>Reads the <c>data</c> of an <c>adaptiveCard/action</c> invoke (our fields; input values are read separately).</summary>
    public static CardActionData? ReadActionData(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object ? data.Deserialize(Context.CardActionData) : null;
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(AdaptiveCard))]
[JsonSerializable(typeof(CardActionData))]
internal sealed partial class CardJsonContext : JsonSerializerContext;
