using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Suppliers.Infrastructure;
using IsmsCloud.Suppliers.Register;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Suppliers.Settings;

/// <summary>
/// A tenant's reassessment intervals per criticality (rule 11). One row per tenant; until a tenant saves its own, the
/// defaults apply: Low 36, Medium 24, High 12, Critical 6 months.
/// </summary>
public sealed class SupplierSettings : ITenantOwned, IVersioned, IAudited
{
    public Guid TenantId { get; set; }
    public uint Version { get; set; }
    Guid IAudited.AuditRecordId => TenantId;
    public int LowMonths { get; set; } = ReassessmentIntervals.Default.LowMonths;
    public int MediumMonths { get; set; } = ReassessmentIntervals.Default.MediumMonths;
    public int HighMonths { get; set; } = ReassessmentIntervals.Default.HighMonths;
    public int CriticalMonths { get; set; } = ReassessmentIntervals.Default.CriticalMonths;
    /// <summary>When the intervals were last saved (whole microseconds, as stored); null for rows saved before it was kept.</summary>
    public DateTimeOffset? UpdatedAt { get; set; }

    public ReassessmentIntervals Intervals => new(LowMonths, MediumMonths, HighMonths, CriticalMonths);

    public static async Task<ReassessmentIntervals> IntervalsAsync(SupplierDbContext db, CancellationToken cancellationToken) =>
        (await db.Settings.AsNoTracking().FirstOrDefaultAsync(cancellationToken))?.Intervals ?? ReassessmentIntervals.Default;
}
