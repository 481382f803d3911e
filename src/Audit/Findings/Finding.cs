using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Audits.Actions;

namespace IsmsCloud.Audits.Findings;

public enum FindingKind
{
    MajorNonconformity,
    MinorNonconformity,
    Observation,
    OpportunityForImprovement,
}

public enum FindingStatus
{
    Open,
    /// <summary>Every corrective action is closed; the finding waits for their effectiveness checks.</summary>
    ActionsCompleted,
    Closed,
    Withdrawn,
}

public enum RootCauseCategory
{
    People,
    Process,
    Technology,
    Documentation,
    Resources,
    Supplier,
    Other,
}

/// <summary>
/// A finding of an audit (rule 8): its kind, the clause or control it references (normalised), what was seen, the root
/// cause, and its corrective actions. Whether it recurs is computed (<see cref="FindingRecurrence"/>), never stored as
/// truth, so that a later withdrawal or re-reference of an earlier finding is reflected everywhere at once.
/// </summary>
public sealed class Finding : ITenantOwned, IVersioned, IAudited
{
    public const int RecurrenceWindowDays = 730;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    Guid IAudited.AuditRecordId => Id;
    public Guid TenantId { get; set; }
    public uint Version { get; set; }
    public Guid AuditId { get; init; }
    public FindingKind Kind { get; set; }
    /// <summary>A clause ("9.2.1") or a control ("A.8.8"), normalised by <see cref="Soa.ReferenceCatalogue.Normalize"/>.</summary>
    public string Reference { get; private set; } = "";
    /// <summary>The control's id at risk-api when the reference is a control it announced; null for clauses.</summary>
    public Guid? ControlId { get; set; }
    public required string Description { get; set; }
    public string? EvidenceSeen { get; set; }
    public RootCauseCategory? RootCauseCategory { get; set; }
    public string? RootCauseAnalysis { get; set; }
    public FindingStatus Status { get; set; }
    public string? WithdrawalReason { get; set; }
    public DateOnly RaisedOn { get; private set; }
    /// <summary><see cref="RaisedOn"/> − 730 days: earlier findings raised after this day (exclusive) count (an indexable column).</summary>
    public DateOnly RecurrenceWindowStart { get; private set; }
    public required string RaisedBy { get; init; }
    public DateOnly? ClosedOn { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsNonconformity => Kind is FindingKind.MajorNonconformity or FindingKind.MinorNonconformity;

    /// <summary>Open or with its actions completed: not closed, not withdrawn.</summary>
    public bool IsActive => Status is FindingStatus.Open or FindingStatus.ActionsCompleted;

    /// <summary>A recurring minor nonconformity is escalated: it is a sign the correction did not hold.</summary>
    public static bool NeedsEscalation(FindingKind kind, bool recurring) => recurring && kind == FindingKind.MinorNonconformity;

    public void Place(string normalizedReference, DateOnly raisedOn)
    {
        Reference = normalizedReference;
        RaisedOn = raisedOn;
        RecurrenceWindowStart = raisedOn.AddDays(-RecurrenceWindowDays);
    }

    /// <summary>
    /// Why the finding cannot close yet, or null: a nonconformity needs at least one corrective action; every action must
    /// be closed and its effectiveness check recorded as effective (a failed check has reopened it).
    /// </summary>
    public string? CloseRefusal(IReadOnlyCollection<CorrectiveAction> actions)
    {
        if (!IsActive)
        {
            return $"The finding is {Status}; only an open finding can be closed.";
        }

        if (IsNonconformity && actions.Count == 0)
        {
            return "A nonconformity closes only through a corrective action (clause 10.2): add one.";
        }

        if (actions.FirstOrDefault(a => a.Status != CorrectiveActionStatus.Closed) is { } open)
        {
            return $"The corrective action \"{open.Title}\" is not closed yet.";
        }

        if (actions.FirstOrDefault(a => a.Effectiveness != Effectiveness.Effective) is { } unchecked_)
        {
            return $"The effectiveness check of \"{unchecked_.Title}\" is not recorded yet (due {unchecked_.EffectivenessCheckDueOn:yyyy-MM-dd}).";
        }

        return null;
    }

    public void Close(DateOnly today, DateTimeOffset now)
    {
        Status = FindingStatus.Closed;
        ClosedOn = today;
        UpdatedAt = now;
    }

    /// <summary>
    /// Follows its corrective actions: ActionsCompleted once all are closed, Open again when one is open (a new one, or
    /// one reopened by a failed effectiveness check). Returns whether the status changed.
    /// </summary>
    public bool FollowActions(IReadOnlyCollection<CorrectiveAction> actions, DateTimeOffset now)
    {
        if (!IsActive)
        {
            return false;
        }

        var status = actions.Count > 0 && actions.All(a => a.Status == CorrectiveActionStatus.Closed) ? FindingStatus.ActionsCompleted : FindingStatus.Open;
        if (status == Status)
        {
            return false;
        }

        Status = status;
        UpdatedAt = now;
        return true;
    }

    public string? Withdraw(string reason, DateTimeOffset now)
    {
        if (Status == FindingStatus.Withdrawn)
        {
            return "The finding is already withdrawn.";
        }

        Status = FindingStatus.Withdrawn;
        WithdrawalReason = reason;
        UpdatedAt = now;
        return null;
    }
}
