using IsmsCloud.BuildingBlocks.Tenancy;

namespace IsmsCloud.Suppliers.Gaps;

/// <summary>
/// The gap reasons last announced for a supplier (<see cref="Contracts.Events.SupplierAssuranceGapChanged"/>), so an
/// event goes out only when they change, with a revision that moves on each time. Derived data: not audited (the
/// supplier's, certificates' and assessments' changes that cause it are).
/// </summary>
public sealed class SupplierGapState : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid SupplierId { get; init; }
    /// <summary>The reasons, comma-separated in the enum's order; empty when the supplier has no gap.</summary>
    public string Reasons { get; set; } = "";
    public long Revision { get; set; }
    public DateOnly EvaluatedOn { get; set; }
}
