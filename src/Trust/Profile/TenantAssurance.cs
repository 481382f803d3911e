using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Contracts.Events;

namespace IsmsCloud.Trust.Profile;

/// <summary>
/// What trust-api learns from other services' events: the current Statement of Applicability version (risk-api) and
/// the last external audit (audit-api). Kept apart from the profile so that an event never bumps the version a
/// person is editing.
/// </summary>
public sealed class TenantAssurance : ITenantOwned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    Guid IAudited.AuditRecordId => Id;
    public Guid TenantId { get; set; }
    public int? SoaVersionNumber { get; set; }
    public DateTimeOffset? SoaPublishedAt { get; set; }
    /// <summary>The most recent certification, surveillance or recertification audit; null until audit events exist.</summary>
    public DateOnly? LastExternalAuditOn { get; set; }
    public AuditKind? LastExternalAuditKind { get; set; }

    /// <summary>reporting-api's confidence erosion (SIGNALS.md) as of <see cref="SignalsAsOf"/>; null until reporting has published figures.</summary>
    public bool? ConfidenceErosion { get; set; }

    /// <summary>The failure patterns active then (comma-separated kinds), which the warning names.</summary>
    public string? ActivePatterns { get; set; }

    public DateOnly? SignalsAsOf { get; set; }

    /// <summary>When reporting computed the figures held; an older <c>SignalsChanged</c> arriving late is ignored.</summary>
    public DateTimeOffset? SignalsComputedAt { get; set; }
}
