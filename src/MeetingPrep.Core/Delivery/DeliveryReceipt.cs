namespace MeetingPrep.Core.Delivery;

/// <summary>What a delivery did: the outcome and, when sent, the id of the card in the chat (to update it in place later).</summary>
public sealed record DeliveryReceipt(DeliveryOutcome Outcome, string? ActivityId = null);
