using IsmsCloud.BuildingBlocks.Tenancy;

namespace IsmsCloud.Audits.Soa;

/// <summary>
/// A control of the tenant's SoA as risk-api last announced it (ControlChanged): an Annex A control once someone
/// changed it, or a custom control. Findings on a control name its id so risk-api can mark it.
/// </summary>
public sealed class KnownControl : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid ControlId { get; init; }
    /// <summary>Normalised (<see cref="ReferenceCatalogue.Normalize"/>).</summary>
    public required string Reference { get; set; }
    public required string Title { get; set; }
    public bool IsCustom { get; set; }
    public bool? Applicable { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}
