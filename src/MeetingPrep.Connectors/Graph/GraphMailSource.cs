using System.Globalization;
using MeetingPrep.Core.Mail;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Sources;
using MeetingPrep.Core.Users;
using Person = MeetingPrep.Core.Meetings.Person;
using Microsoft.Extensions.Logging;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;

namespace MeetingPrep.Connectors.Graph;

/// <summary>
/// <see cref="IMailSource"/> over Microsoft Graph: one KQL <c>participants:</c> search per address, sent together as
/// <c>$batch</c> requests, so a 10-attendee meeting costs one HTTP request and one round trip. <c>$search</c> cannot be
/// combined with <c>$filter</c>, so the date bound and the address check are applied here.
/// </summary>
public sealed class GraphMailSource(GraphServiceClient client, GraphBatchRunner batches, GraphOptions options, ILogger<GraphMailSource> logger)
    : IMailSource
{
    internal const string Source = "mail";

    public SourceAccess Access => options.AccessMode;

    /// <summary>
    /// Text bodies: Exchange converts HTML once on its side, so the connector neither receives the markup nor parses it;
    /// only the quote and signature cutting is left to <see cref="MailTextCleaner"/>.
    /// </summary>
    internal const string PreferText = "outlook.body-content-type=\"text\"";

    internal static readonly string[] Select =
        ["id", "conversationId", "subject", "from", "toRecipients", "ccRecipients", "sentDateTime", "uniqueBody", "webLink", "hasAttachments"];

    public async Task<IReadOnlyList<EmailMessage>> GetRecentMessagesAsync(
        UserRef user, IReadOnlyCollection<string> participants, DateTimeOffset since, int maxPerParticipant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerParticipant, 1);
        var top = Math.Min(maxPerParticipant, 1000);

        var addresses = participants.Select(p => p?.Trim() ?? string.Empty).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var usable = addresses.Where(IsSearchableAddress).ToList();
        if (usable.Count < addresses.Count)
        {
            Log.GraphSkippedAddresses(logger, addresses.Count - usable.Count);
        }

        if (usable.Count == 0)
        {
            return [];
        }

        var steps = usable
            .Select((address, i) => (Id: (i + 1).ToString(CultureInfo.InvariantCulture), Request: SearchRequest(user, $"participants:{address}", top)))
            .ToList();
        var pages = await batches.GetAllAsync<MessageCollectionResponse>(Source, user.UserId, steps, cancellationToken).ConfigureAwait(false);

        var merged = new Dictionary<string, EmailMessage>(StringComparer.Ordinal);
        for (var i = 0; i < usable.Count; i++)
        {
            if (!pages.TryGetValue(steps[i].Id, out var page))
            {
                continue;
            }

            foreach (var message in page.Value ?? [])
            {
                // KQL also matches display names and aliases; keep only mail the address really took part in.
                if (message.Id is null || merged.ContainsKey(message.Id) || message.SentDateTime is not { } sent || sent < since
                    || !Involves(message, usable[i]))
                {
                    continue;
                }

                merged[message.Id] = Map(message, sent);
            }
        }

        return [.. merged.Values.OrderByDescending(m => m.Sent)];
    }

    /// <summary>
    /// One KQL search, <c>participants:{user} AND ({word} OR {word} … OR {client domain})</c>, newest first up to the query's
    /// bound; the caller keeps only mail among colleagues (<see cref="ColleagueMail.Belongs"/>), since KQL cannot say
    /// "nobody external".
    /// </summary>
    public async Task<IReadOnlyList<EmailMessage>> GetColleagueMessagesAsync(UserRef user, ColleagueMailQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(query);
        var words = query.Mentions.Where(IsSearchableWord).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (!IsSearchableAddress(query.User) || words.Count == 0)
        {
            return [];
        }

        var kql = $"participants:{query.User} AND ({string.Join(" OR ", words)})";
        var steps = new List<(string Id, RequestInformation Request)> { ("1", SearchRequest(user, kql, Math.Clamp(query.Max, 1, 1000))) };
        var pages = await batches.GetAllAsync<MessageCollectionResponse>(Source, user.UserId, steps, cancellationToken).ConfigureAwait(false);
        return
        [
            .. (pages.TryGetValue("1", out var page) ? page.Value ?? [] : [])
                .Where(m => m.Id is not null && m.SentDateTime is { } sent && sent >= query.Since)
                .DistinctBy(m => m.Id)
                .Select(m => Map(m, m.SentDateTime!.Value))
                .OrderByDescending(m => m.Sent),
        ];
    }

    private RequestInformation SearchRequest(UserRef user, string kql, int top) =>
        client.Users[user.UserId].Messages.ToGetRequestInformation(rc =>
        {
            rc.QueryParameters.Search = $"\"{kql}\"";
            rc.QueryParameters.Top = top;
            rc.QueryParameters.Select = Select;
            rc.Headers.Add("Prefer", PreferText);
        });

    private EmailMessage Map(Message message, DateTimeOffset sent)
    {
        var from = ToPerson(message.From) ?? new Person(string.Empty, string.Empty);
        var recipients = (message.ToRecipients ?? []).Concat(message.CcRecipients ?? []).Select(ToPerson).OfType<Person>().ToList();
        // uniqueBody is only what this message added to its thread: the quoted history we would cut anyway never travels.
        var body = message.UniqueBody ?? message.Body;
        var isHtml = body?.ContentType != BodyType.Text;
        var text = MailTextCleaner.Clean(body?.Content, isHtml, options.MailTextMaxLength);
        return new EmailMessage(
            message.Id!,
            message.ConversationId ?? message.Id!,
            message.Subject ?? string.Empty,
            from,
            recipients,
            sent.ToUniversalTime(),
            text,
            Uri.TryCreate(message.WebLink, UriKind.Absolute, out var link) ? link : null,
            message.HasAttachments ?? false);
    }

    private static bool Involves(Message message, string address) =>
        new[] { message.From }.Concat(message.ToRecipients ?? []).Concat(message.CcRecipients ?? [])
            .Any(r => string.Equals(r?.EmailAddress?.Address?.Trim(), address, StringComparison.OrdinalIgnoreCase));

    private static Person? ToPerson(Recipient? recipient)
    {
        var address = recipient?.EmailAddress?.Address?.Trim();
        if (string.IsNullOrEmpty(address))
        {
            return null;
        }

        var name = recipient!.EmailAddress!.Name;
        return new Person(string.IsNullOrWhiteSpace(name) ? address : name.Trim(), address);
    }

    /// <summary>
    /// Only plain SMTP addresses go into KQL: a quote or space would end the phrase and change the query, and Exchange
    /// legacy DNs ("/o=ExchangeLabs/...") cannot be searched as participants.
    /// </summary>
    internal static bool IsSearchableAddress(string address)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        return address.Length is > 2 and <= 320 && at > 0 && at == address.LastIndexOf('@') && at < address.Length - 1
            && !address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '(' or ')' or '*' or '\\' or '<' or '>' or ',' or ';' or ':');
    }

    /// <summary>A name word or a domain goes into KQL only when it is letters, digits, dots and hyphens: nothing that could end the phrase or add an operator.</summary>
    internal static bool IsSearchableWord(string word) =>
        word.Length is > 1 and <= 100 && word.All(c => char.IsLetterOrDigit(c) || c is '.' or '-')
        && !word.Equals("AND", StringComparison.Ordinal) && !word.Equals("OR", StringComparison.Ordinal) && !word.Equals("NOT", StringComparison.Ordinal);
}
