using MeetingPrep.Core.Crm;

namespace MeetingPrep.Storage.Crm;

/// <summary>
/// Between Core records and rows. A stored URL is cited only when it is https on one of the CRM's own hosts
/// (<see cref="BuiltInCrmOptions.LinkHosts"/>); otherwise, and when a record has none, the link goes to the record's page
/// in MeetingPrep, signed when a signer is given. Without a base (export) stored URLs pass unchanged and missing ones
/// stay missing, so a round trip does not freeze today's host name.
/// </summary>
internal sealed class CrmRecordMapping(Uri? publicBaseUrl, IReadOnlyList<string>? linkHosts = null, RecordLinkSigner? signer = null, string? readerId = null, string? tenantId = null)
{
    public const string AccountsKind = "accounts";
    public const string ContactsKind = "contacts";
    public const string OpportunitiesKind = "opportunities";
    public const string NotesKind = "notes";
    public const string CasesKind = "cases";
    public const string MetricsKind = "metrics";

    private readonly string? _base = publicBaseUrl?.AbsoluteUri.TrimEnd('/');
    private readonly string[] _linkHosts = [.. (linkHosts ?? []).Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => h.Trim().ToLowerInvariant())];

    /// <summary>The same mapping with record links signed for <paramref name="userId"/> and the records' <paramref name="tenant"/>.</summary>
    public CrmRecordMapping ForReader(string? userId, string? tenant) => new(publicBaseUrl, linkHosts, signer, userId, tenant);

    public Uri? UrlFor(string? stored, string kind, string id)
    {
        Uri? own = stored is not null && Uri.TryCreate(stored, UriKind.Absolute, out var parsed) ? parsed : null;
        if (_base is null)
        {
            return own;
        }

        if (own is not null && own.Scheme == Uri.UriSchemeHttps && string.IsNullOrEmpty(own.UserInfo) && IsLinkHost(own.IdnHost))
        {
            return own;
        }

        var page = $"{_base}/crm/{kind}/{Uri.EscapeDataString(id)}";
        return new Uri(signer is null ? page : page + "?" + signer.Sign(kind, id, readerId, tenantId));
    }

    /// <summary><c>*.example.com</c> matches subdomains of example.com; anything else matches exactly.</summary>
    private bool IsLinkHost(string host)
    {
        host = host.ToLowerInvariant();
        return _linkHosts.Any(p => p.StartsWith("*.", StringComparison.Ordinal)
            ? host.Length > p.Length - 1 && host.EndsWith(p[1..], StringComparison.Ordinal)
            : host == p);
    }

    public static string? NormalizeDomain(string? domain) =>
        string.IsNullOrWhiteSpace(domain) ? null : domain.Trim().TrimEnd('.').ToLowerInvariant();

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public static DateTimeOffset Utc(DateTimeOffset value) => value.ToUniversalTime();

    public static DateTimeOffset? Utc(DateTimeOffset? value) => value?.ToUniversalTime();

    public CrmAccount ToRecord(CrmAccountEntity e) =>
        new(e.Id, e.Name, e.Domain, e.Tier, e.Industry, e.OwnerName, e.OwnerEmail, UrlFor(e.Url, AccountsKind, e.Id), e.LastModified);

    public CrmContact ToRecord(CrmContactEntity e) =>
        new(e.Id, e.AccountId, e.Name, e.Email, e.JobTitle, e.Role, UrlFor(e.Url, ContactsKind, e.Id), e.LastModified);

    public Opportunity ToRecord(CrmOpportunityEntity e) =>
        new(e.Id, e.AccountId, e.Name, e.Stage, e.Amount, e.Currency, e.CloseDate, e.IsClosed, e.LastActivity, UrlFor(e.Url, OpportunitiesKind, e.Id), e.LastModified);

    public CrmNote ToRecord(CrmNoteEntity e) =>
        new(e.Id, e.AccountId, e.Title, e.Text, e.Author, e.Created, UrlFor(e.Url, NotesKind, e.Id), e.LastModified);

    public CrmCase ToRecord(CrmCaseEntity e) =>
        new(
            e.Id,
            e.AccountId,
            e.Number,
            e.Title,
            e.Status,
            Enum.TryParse<CasePriority>(e.Priority, ignoreCase: true, out var p) ? p : CasePriority.Normal,
            e.IsOpen,
            e.IsEscalated,
            e.Opened,
            e.EscalatedAt,
            e.OpenedByEmail,
            UrlFor(e.Url, CasesKind, e.Id),
            e.LastModified);

    public MetricSeries ToRecord(CrmMetricSeriesEntity e) =>
        new(
            e.Id,
            e.AccountId,
            e.Name,
            e.Unit,
            e.HigherIsBetter,
            [.. e.Points.OrderBy(p => p.Period).Select(p => new MetricPoint(p.Period, p.Value))],
            UrlFor(e.Url, MetricsKind, e.Id),
            e.LastModified);

    public static CrmAccountEntity ToEntity(CrmAccount r) => new()
    {
        Id = r.Id,
        Name = r.Name,
        Domain = r.Domain,
        DomainNormalized = NormalizeDomain(r.Domain),
        Tier = r.Tier,
        Industry = r.Industry,
        OwnerName = r.OwnerName,
        OwnerEmail = r.OwnerEmail,
        Url = r.Url?.AbsoluteUri,
        LastModified = Utc(r.LastModified),
    };

    public static CrmContactEntity ToEntity(CrmContact r) => new()
    {
        Id = r.Id,
        AccountId = r.AccountId,
        Name = r.Name,
        Email = r.Email.Trim(),
        EmailNormalized = NormalizeEmail(r.Email),
        JobTitle = r.JobTitle,
        Role = r.Role,
        Url = r.Url?.AbsoluteUri,
        LastModified = Utc(r.LastModified),
    };

    public static CrmOpportunityEntity ToEntity(Opportunity r) => new()
    {
        Id = r.Id,
        AccountId = r.AccountId,
        Name = r.Name,
        Stage = r.Stage,
        Amount = r.Amount,
        Currency = r.Currency,
        CloseDate = r.CloseDate,
        IsClosed = r.IsClosed,
        LastActivity = Utc(r.LastActivity),
        Url = r.Url?.AbsoluteUri,
        LastModified = Utc(r.LastModified),
    };

    public static CrmNoteEntity ToEntity(CrmNote r) => new()
    {
        Id = r.Id,
        AccountId = r.AccountId,
        Title = r.Title,
        Text = r.Text,
        Author = r.Author,
        Created = Utc(r.Created),
        Url = r.Url?.AbsoluteUri,
        LastModified = Utc(r.LastModified),
    };

    public static CrmCaseEntity ToEntity(CrmCase r) => new()
    {
        Id = r.Id,
        AccountId = r.AccountId,
        Number = r.Number,
        Title = r.Title,
        Status = r.Status,
        Priority = r.Priority.ToString(),
        IsOpen = r.IsOpen,
        IsEscalated = r.IsEscalated,
        Opened = Utc(r.Opened),
        EscalatedAt = Utc(r.EscalatedAt),
        OpenedByEmail = r.OpenedByEmail,
        Url = r.Url?.AbsoluteUri,
        LastModified = Utc(r.LastModified),
    };

    public static CrmMetricSeriesEntity ToEntity(MetricSeries r) => new()
    {
        Id = r.Id,
        AccountId = r.AccountId,
        Name = r.Name,
        Unit = r.Unit,
        HigherIsBetter = r.HigherIsBetter,
        Url = r.Url?.AbsoluteUri,
        LastModified = Utc(r.LastModified),
        Points = [.. r.Points.Select(p => new CrmMetricPointEntity { SeriesId = r.Id, Period = p.Period, Value = p.Value })],
    };
}
