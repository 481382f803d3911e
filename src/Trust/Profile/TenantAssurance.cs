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
}
