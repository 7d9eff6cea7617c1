namespace MeetingPrep.Storage.Crm;

// Rows of the built-in CRM. Emails and domains are also kept lower-cased so look-ups are index seeks on every provider.

public sealed class CrmAccountEntity : Entities.ITenantOwned
{
    /// <summary>The tenant the record belongs to; set from the unit of work when the row is added.</summary>
    public string TenantId { get; set; } = string.Empty;

    public required string Id { get; set; }

    public required string Name { get; set; }

    public string? Domain { get; set; }

    /// <summary>Lower-cased <see cref="Domain"/>, the column domain matching uses.</summary>
    public string? DomainNormalized { get; set; }

    public string? Tier { get; set; }

    public string? Industry { get; set; }

    public string? OwnerName { get; set; }

    public string? OwnerEmail { get; set; }

    public string? Url { get; set; }

    public DateTimeOffset LastModified { get; set; }
}

public sealed class CrmContactEntity : Entities.ITenantOwned
{
    /// <summary>The tenant the record belongs to; set from the unit of work when the row is added.</summary>
    public string TenantId { get; set; } = string.Empty;

    public required string Id { get; set; }

    public string? AccountId { get; set; }

    public required string Name { get; set; }

    public required string Email { get; set; }

    /// <summary>Lower-cased, trimmed <see cref="Email"/>.</summary>
    public required string EmailNormalized { get; set; }

    public string? JobTitle { get; set; }

    public string? Role { get; set; }

    public string? Url { get; set; }

    public DateTimeOffset LastModified { get; set; }
}

public sealed class CrmOpportunityEntity : Entities.ITenantOwned
{
    /// <summary>The tenant the record belongs to; set from the unit of work when the row is added.</summary>
    public string TenantId { get; set; } = string.Empty;

    public required string Id { get; set; }

    public required string AccountId { get; set; }

    public required string Name { get; set; }

    public required string Stage { get; set; }

    public decimal? Amount { get; set; }

    public string? Currency { get; set; }

    public DateOnly? CloseDate { get; set; }

    public bool IsClosed { get; set; }

    public DateTimeOffset? LastActivity { get; set; }

    public string? Url { get; set; }

    public DateTimeOffset LastModified { get; set; }
}

public sealed class CrmNoteEntity : Entities.ITenantOwned
{
    /// <summary>The tenant the record belongs to; set from the unit of work when the row is added.</summary>
    public string TenantId { get; set; } = string.Empty;

    public required string Id { get; set; }

    public required string AccountId { get; set; }

    public required string Title { get; set; }

    public required string Text { get; set; }

    public string? Author { get; set; }

    public DateTimeOffset Created { get; set; }

    public string? Url { get; set; }

    public DateTimeOffset LastModified { get; set; }
}

public sealed class CrmCaseEntity : Entities.ITenantOwned
{
    /// <summary>The tenant the record belongs to; set from the unit of work when the row is added.</summary>
    public string TenantId { get; set; } = string.Empty;

    public required string Id { get; set; }

    public required string AccountId { get; set; }

    public required string Number { get; set; }

    public required string Title { get; set; }

    public required string Status { get; set; }

    public required string Priority { get; set; }

    public bool IsOpen { get; set; }

    public bool IsEscalated { get; set; }

    public DateTimeOffset Opened { get; set; }

    public DateTimeOffset? EscalatedAt { get; set; }

    public string? OpenedByEmail { get; set; }

    public string? Url { get; set; }

    public DateTimeOffset LastModified { get; set; }
}

public sealed class CrmMetricSeriesEntity : Entities.ITenantOwned
{
    /// <summary>The tenant the record belongs to; set from the unit of work when the row is added.</summary>
    public string TenantId { get; set; } = string.Empty;

    public required string Id { get; set; }

    public required string AccountId { get; set; }

    public required string Name { get; set; }

    public required string Unit { get; set; }

    public bool HigherIsBetter { get; set; }

    public string? Url { get; set; }

    public DateTimeOffset LastModified { get; set; }

    public List<CrmMetricPointEntity> Points { get; set; } = [];
}

public sealed class CrmMetricPointEntity : Entities.ITenantOwned
{
    /// <summary>The tenant the record belongs to; set from the unit of work when the row is added.</summary>
    public string TenantId { get; set; } = string.Empty;

    public required string SeriesId { get; set; }

    public DateOnly Period { get; set; }

    public decimal Value { get; set; }
}
