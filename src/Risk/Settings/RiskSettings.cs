using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Risk.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.Settings;

/// <summary>
/// A tenant's own thresholds for the domain rules. One row per tenant; until a tenant saves its own, the defaults
/// of docs/design.md apply (appetite: residual ≤ 9; acceptances ≤ 12 months; exceptions ≤ 180 days).
/// </summary>
public sealed class RiskSettings : ITenantOwned, IVersioned, IAudited
{
    public const int DefaultAppetite = 9;
    public const int DefaultReviewIntervalDays = 180;
    public const int DefaultMaxAcceptanceMonths = 12;
    public const int DefaultMaxExceptionDays = 180;

    public Guid TenantId { get; set; }
    public uint Version { get; set; }
    // One row per tenant: the settings are filed under the tenant's id.
    Guid IAudited.AuditRecordId => TenantId;

    /// <summary>The highest residual score the tenant accepts without a formal acceptance (rule 1).</summary>
    public int RiskAppetite { get; set; } = DefaultAppetite;

    /// <summary>Days until a (re)assessed risk is due for review again.</summary>
    public int ReviewIntervalDays { get; set; } = DefaultReviewIntervalDays;

    public int MaxAcceptanceMonths { get; set; } = DefaultMaxAcceptanceMonths;
    public int MaxExceptionDays { get; set; } = DefaultMaxExceptionDays;

    public bool IsAboveAppetite(int residualScore) => residualScore > RiskAppetite;

    /// <summary>The tenant's settings, or the defaults when it never saved any (not tracked).</summary>
    public static async Task<RiskSettings> LoadAsync(RiskDbContext db, CancellationToken cancellationToken) =>
        await db.Settings.FirstOrDefaultAsync(cancellationToken) ?? new RiskSettings();
}
