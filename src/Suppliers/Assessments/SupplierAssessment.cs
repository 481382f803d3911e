using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Suppliers.Register;

namespace IsmsCloud.Suppliers.Assessments;

public enum AssessmentStatus
{
    /// <summary>Opened by the tenant and being worked on (a desk review of the supplier's documents).</summary>
    InProgress,
    Completed,
    Cancelled,
}

/// <summary>
/// One assessment of a supplier, completed by the tenant with a result, a residual risk note and conditions. Once
/// completed it is final: a new assessment is a new record. Completing moves the supplier's assessment dates on
/// (<see cref="Supplier.RecordCompletion"/>), which is what the schedule and the gap read.
/// </summary>
public sealed class SupplierAssessment : ITenantOwned, IVersioned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    Guid IAudited.AuditRecordId => Id;
    public Guid TenantId { get; set; }
    public uint Version { get; set; }
    public Guid SupplierId { get; init; }
    public required string Title { get; set; }
    public AssessmentStatus Status { get; private set; }
    public AssessmentResult? Result { get; private set; }
    public string? ResidualRiskNote { get; private set; }
    public List<string> Conditions { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public string? CompletedBy { get; private set; }

    /// <summary>The refusal, or null when the assessment may be completed now.</summary>
    public string? CannotComplete() => Status switch
    {
        AssessmentStatus.Completed => "The assessment is already completed.",
        AssessmentStatus.Cancelled => "The assessment was cancelled.",
        _ => null,
    };

    public void Complete(Supplier supplier, AssessmentResult result, string? residualRiskNote, IReadOnlyList<string> conditions, string by, DateTimeOffset at)
    {
        if (CannotComplete() is { } why)
        {
            throw new AssessmentStateException(why);
        }

        if (supplier.Id != SupplierId)
        {
            throw new ArgumentException("The assessment belongs to another supplier.", nameof(supplier));
        }

        Status = AssessmentStatus.Completed;
        Result = result;
        ResidualRiskNote = residualRiskNote;
        Conditions = [.. conditions];
        CompletedAt = at;
        CompletedBy = by;
        supplier.RecordCompletion(result, at);
    }

    public void Cancel()
    {
        if (Status != AssessmentStatus.InProgress)
        {
            throw new AssessmentStateException("Only an assessment in progress can be cancelled.");
        }

        Status = AssessmentStatus.Cancelled;
    }
}

/// <summary>A change the assessment's state does not allow (answered 409).</summary>
public sealed class AssessmentStateException(string message) : InvalidOperationException(message);
