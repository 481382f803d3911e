using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Suppliers.Certificates;

namespace IsmsCloud.Suppliers.Register;

public enum Criticality
{
    Low,
    Medium,
    High,
    Critical,
}

public enum SupplierStatus
{
    Active,
    Offboarding,
    Ended,
}

public enum DataClassification
{
    None,
    Public,
    Internal,
    Confidential,
    Restricted,
}

/// <summary>
/// A supplier of the tenant (rule 11). A sub-processor (a supplier of a supplier) is a supplier record of its own with
/// <see cref="ParentSupplierId"/> set, so the chain is a tree of records with the same fields, gaps and assessments.
/// AI attributes live here, in the same register (rule 13). The assessment dates are kept on the supplier by
/// <see cref="RecordCompletion"/>, so the register can filter on the assurance gap in one query.
/// </summary>
public sealed class Supplier : ITenantOwned, IVersioned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    Guid IAudited.AuditRecordId => Id;
    public Guid TenantId { get; set; }
    public uint Version { get; set; }
    public required string LegalName { get; set; }
    public List<string> Services { get; set; } = [];
    public Criticality Criticality { get; set; }
    public List<string> DataCategories { get; set; } = [];
    public DataClassification DataClassification { get; set; }
    public List<string> DataLocations { get; set; } = [];
    public Guid? ParentSupplierId { get; set; }
    public DateOnly? ContractStartOn { get; set; }
    public DateOnly? ContractEndOn { get; set; }
    public int? NoticePeriodDays { get; set; }
    /// <summary>An active member of the tenant, by lower-cased e-mail.</summary>
    public required string Owner { get; set; }
    public SupplierStatus Status { get; set; }
    public string? AiModelProvider { get; set; }
    public string? AiDataUsed { get; set; }
    public bool AiAutomatedDecisions { get; set; }
    public List<Guid> RiskIds { get; set; } = [];
    public List<Guid> AssetIds { get; set; } = [];
    /// <summary>When the latest material change was recorded (rule 11): reassessment is due from then.</summary>
    public DateTimeOffset? LastMaterialChangeAt { get; set; }
    /// <summary>What the latest material change was, for people to read ("NewService, LocationChange").</summary>
    public string? LastMaterialChange { get; set; }
    /// <summary>The latest completed assessment, whatever its result.</summary>
    public DateTimeOffset? LastCompletedAt { get; set; }
    /// <summary>The UTC date of the latest completion with the result Approved or ApprovedWithConditions.</summary>
    public DateOnly? LastApprovedOn { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<SupplierCertificate> Certificates { get; init; } = [];

    /// <summary>Rule 13's test of AI use: a model provider named, or automated decisions made.</summary>
    public bool UsesAi => AiModelProvider != null || AiAutomatedDecisions;

    /// <summary>Records a material change now: reassessment becomes due at once.</summary>
    public void RecordMaterialChange(IReadOnlyCollection<MaterialChangeKind> kinds, DateTimeOffset at)
    {
        if (kinds.Count == 0)
        {
            return;
        }

        LastMaterialChangeAt = at;
        LastMaterialChange = string.Join(", ", kinds.Distinct().Order());
        UpdatedAt = at;
    }

    /// <summary>A completed assessment moves the supplier's assessment dates on (never back: a late save of an older completion does not).</summary>
    public void RecordCompletion(AssessmentResult result, DateTimeOffset completedAt)
    {
        if (LastCompletedAt is null || completedAt > LastCompletedAt)
        {
            LastCompletedAt = completedAt;
        }

        var day = DateOnly.FromDateTime(completedAt.UtcDateTime);
        if (result.CountsAsValid() && (LastApprovedOn is null || day > LastApprovedOn))
        {
            LastApprovedOn = day;
        }

        // Never backwards: an assessment imported from before (completed in the past) is not the supplier's last change.
        if (completedAt > UpdatedAt)
        {
            UpdatedAt = completedAt;
        }
    }
}

public enum AssessmentResult
{
    Approved,
    ApprovedWithConditions,
    Rejected,
}

public static class AssessmentResults
{
    /// <summary>Signal 5: only these results make a valid assessment.</summary>
    public static bool CountsAsValid(this AssessmentResult result) => result is AssessmentResult.Approved or AssessmentResult.ApprovedWithConditions;
}
