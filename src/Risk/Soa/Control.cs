using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;

namespace IsmsCloud.Risk.Soa;

public enum ControlTheme
{
    Organizational,
    People,
    Physical,
    Technological,
    Custom,
}

public enum ImplementationStatus
{
    NotImplemented,
    Planned,
    PartiallyImplemented,
    Implemented,
}

/// <summary>
/// One entry of the Statement of Applicability (rule 4): an Annex A control seeded at onboarding, or a custom one.
/// Applicability is undecided (null) until someone decides it, and a decision either way needs a justification.
/// </summary>
public sealed class Control : ITenantOwned, IVersioned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    Guid IAudited.AuditRecordId => Id;
    public Guid TenantId { get; set; }
    public uint Version { get; set; }

    /// <summary>"A.5.1" for Annex A, the tenant's own reference for a custom control. Unique in the tenant.</summary>
    public required string Reference { get; init; }

    public required string Title { get; set; }
    public ControlTheme Theme { get; init; }
    public bool IsCustom { get; init; }
    public string? Guidance { get; set; }
    public bool? Applicable { get; set; }
    public string? Justification { get; set; }
    public ImplementationStatus ImplementationStatus { get; set; } = ImplementationStatus.NotImplemented;
    public string? Owner { get; set; }

    /// <summary>How often fresh evidence is expected, in days (rule 5). Null: no recurring evidence expected.</summary>
    public int? EvidenceCadenceDays { get; set; }

    /// <summary>Used to order the SoA: Annex A by clause number, custom controls after them.</summary>
    public int SortOrder { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<ControlRisk> RiskLinks { get; init; } = [];

    public bool IsDecided => Applicable is not null && !string.IsNullOrWhiteSpace(Justification);
}

/// <summary>Controls link to risks many-to-many (rule 4).</summary>
public sealed class ControlRisk : ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }
    Guid IAudited.AuditRecordId => ControlId;
    public Guid ControlId { get; init; }
    public Guid RiskId { get; init; }
}
