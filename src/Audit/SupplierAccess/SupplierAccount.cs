using IsmsCloud.Audits.AccessReviews;
using IsmsCloud.Audits.Infrastructure;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Contracts.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IsmsCloud.Audits.SupplierAccess;

/// <summary>
/// One supplier's access to one of the tenant's systems, as supplier-api last announced it (SupplierAccessChanged):
/// the source of a campaign's items when a campaign reviews the supplier access of a system (ADR 0021). A copy of
/// supplier-api's facts, kept at the newest version seen; a removal stays as a marked row so that an older version
/// arriving late cannot bring the access back.
/// </summary>
public sealed class SupplierAccount : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid AccessId { get; init; }
    public Guid SupplierId { get; set; }
    public long Version { get; set; }
    public required string SupplierName { get; set; }
    public required string System { get; set; }
    /// <summary><see cref="Campaign.KeyOf"/> of <see cref="System"/>: how a campaign finds the access of its system.</summary>
    public required string SystemKey { get; set; }
    public required string Account { get; set; }
    public string? PersonName { get; set; }
    public string? Email { get; set; }
    public string Entitlements { get; set; } = "";
    public bool Privileged { get; set; }
    public DateOnly Since { get; set; }
    public DateOnly? Until { get; set; }
    public DateTimeOffset? LastLoginAt { get; set; }
    public bool Removed { get; set; }
    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>Access a review looks at on <paramref name="today"/>: not removed, begun, and not ended.</summary>
    public static System.Linq.Expressions.Expression<Func<SupplierAccount, bool>> CurrentOn(DateOnly today) =>
        a => !a.Removed && a.Since <= today && (a.Until == null || a.Until >= today);
}

internal sealed class SupplierAccountEntityTypeConfiguration : IEntityTypeConfiguration<SupplierAccount>
{
    public void Configure(EntityTypeBuilder<SupplierAccount> builder)
    {
        builder.ToTable("SupplierAccess");
        builder.HasKey(a => new { a.TenantId, a.AccessId });
        builder.Property(a => a.AccessId).ValueGeneratedNever();
        builder.Property(a => a.SupplierName).HasMaxLength(300);
        builder.Property(a => a.System).HasMaxLength(200);
        builder.Property(a => a.SystemKey).HasMaxLength(200);
        builder.Property(a => a.Account).HasMaxLength(200);
        builder.Property(a => a.PersonName).HasMaxLength(200);
        builder.Property(a => a.Email).HasMaxLength(200);
        builder.Property(a => a.Entitlements).HasMaxLength(2000);
        builder.HasIndex(a => new { a.TenantId, a.SystemKey });
    }
}

/// <summary>Keeps <see cref="SupplierAccount"/> up to date: newer versions only; a removal marks the row removed.</summary>
public sealed class SupplierAccessChangedConsumer(AuditDbContext db, TimeProvider clock) : InboxConsumer<SupplierAccessChanged>(db, clock)
{
    protected override async Task HandleAsync(SupplierAccessChanged m, CancellationToken cancellationToken)
    {
        var access = await db.SupplierAccess.FirstOrDefaultAsync(a => a.AccessId == m.AccessId, cancellationToken);
        if (access is null)
        {
            access = new SupplierAccount { AccessId = m.AccessId, SupplierName = "", System = "", SystemKey = "", Account = "" };
            db.SupplierAccess.Add(access);
        }
        else if (access.Version >= m.Version)
        {
            return; // a redelivery, or an older version arriving late
        }

        access.SupplierId = m.SupplierId;
        access.Version = m.Version;
        access.SupplierName = Clip(m.SupplierName, 300);
        access.System = Clip(m.System.Trim(), 200);
        access.SystemKey = Clip(Campaign.KeyOf(m.System), 200);
        access.Account = Clip(m.Account.Trim(), 200);
        access.PersonName = string.IsNullOrWhiteSpace(m.PersonName) ? null : Clip(m.PersonName.Trim(), 200);
        access.Email = string.IsNullOrWhiteSpace(m.Email) ? null : Clip(m.Email.Trim().ToLowerInvariant(), 200);
        access.Entitlements = Clip(m.Entitlements ?? "", 2000);
        access.Privileged = m.Privileged;
        access.Since = m.Since;
        access.Until = m.Until;
        access.LastLoginAt = m.LastLoginAt;
        access.Removed = m.Removed;
        access.ChangedAt = m.ChangedAt;
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];
}
