using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeetingPrep.Storage.Entities;

/// <summary>A leader's opt-in to the weekly team report (see <c>MeetingPrep.Core.Engagement.TeamReportSubscription</c>).</summary>
public sealed class TeamReportSubscriptionEntity : ITenantOwned
{
    public required string TenantId { get; set; }

    public required string UserId { get; set; }

    public required string TimeZone { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateOnly? LastSentWeek { get; set; }
}

internal sealed class TeamReportSubscriptionConfiguration : IEntityTypeConfiguration<TeamReportSubscriptionEntity>
{
    public void Configure(EntityTypeBuilder<TeamReportSubscriptionEntity> builder)
    {
        builder.ToTable("team_report_subscriptions");
        builder.HasKey(e => new { e.TenantId, e.UserId });
        builder.Property(e => e.UserId).HasMaxLength(128);
        builder.Property(e => e.TimeZone).HasMaxLength(128);
    }
}
