using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Risk.Infrastructure;

namespace IsmsCloud.Risk.Soa;

/// <summary>The integration events of controls and the Statement of Applicability, built from the records.</summary>
internal static class SoaEvents
{
    public static ControlChanged ControlChanged(Control c, RiskDbContext db, IReadOnlyList<Guid> riskIds) => new(
        db.CurrentTenantId, c.Id, c.Reference, c.Title, c.IsCustom, c.Applicable, c.ImplementationStatus.ToString(), c.Owner, c.EvidenceCadenceDays,
        riskIds, c.UpdatedAt, EventVersion.After(db, c));

    public static SoaPublished Published(SoaVersion v, Guid tenantId) => new(
        tenantId, v.Id, v.Number, v.PublishedAt, v.PublishedBy, v.ControlCount, v.ApplicableCount, v.ImplementedCount);
}
