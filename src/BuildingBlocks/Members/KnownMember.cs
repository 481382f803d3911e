using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Contracts.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IsmsCloud.BuildingBlocks.Members;

/// <summary>
/// Every service's own copy of its tenants' members (from the member events), kept like <see cref="KnownTenant"/>:
/// it lets a service refuse a removed or suspended member's still-unexpired token, and check that an owner,
/// approver or reviewer names an active member, without calling identity-api. Removed members stay as rows
/// (status Removed), so their tokens stay refused and records naming them can say so.
/// </summary>
public sealed class KnownMember : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid UserId { get; init; }
    /// <summary>Lower-cased, the form in which records name owners (see ActorName.Key).</summary>
    public required string Email { get; set; }
    public required string DisplayName { get; set; }
    public required string Role { get; set; }
    public MemberStatus Status { get; set; }
    public DateTimeOffset? AccessEndsAt { get; set; }
    /// <summary>The membership revision at identity-api this row reflects; an event with an older one is ignored.</summary>
    public int Revision { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>Active at an instant: not suspended or removed, and a guest's access not ended. For queries and the row alike.</summary>
    public static readonly TimedRule<KnownMember, DateTimeOffset> Active = new((m, now) =>
        m.Status == MemberStatus.Active && (m.AccessEndsAt == null || m.AccessEndsAt > now));
}

internal sealed class KnownMemberConfiguration : IEntityTypeConfiguration<KnownMember>
{
    public void Configure(EntityTypeBuilder<KnownMember> builder)
    {
        builder.ToTable("KnownMembers");
        builder.HasKey(m => new { m.TenantId, m.UserId });
        builder.Property(m => m.Email).HasMaxLength(256);
        builder.Property(m => m.DisplayName).HasMaxLength(200);
        builder.Property(m => m.Role).HasMaxLength(40);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(m => new { m.TenantId, m.Email });
    }
}
