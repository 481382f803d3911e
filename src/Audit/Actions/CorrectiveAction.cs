using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;

namespace IsmsCloud.Audits.Actions;

public enum CorrectiveActionStatus
{
    Open,
    InProgress,
    Closed,
}

public enum Effectiveness
{
    Effective,
    NotEffective,
}

/// <summary>
/// A corrective action on a finding (clause 10.2): owner, due date, closure with evidence (a file or a link), and an
/// effectiveness check scheduled a set number of days after closure. A check that finds it not effective reopens the
/// action (and the API reopens its finding), so the correction is done again and checked again.
/// </summary>
public sealed class CorrectiveAction : ITenantOwned, IVersioned, IAudited
{
    public const int DefaultEffectivenessCheckDays = 90;
    public const int MaxEffectivenessCheckDays = 730;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    Guid IAudited.AuditRecordId => Id;
    public Guid TenantId { get; set; }
    public uint Version { get; set; }
    public Guid FindingId { get; init; }
    /// <summary>The finding's audit, kept here so "not the audit's own auditor" is checked without a join.</summary>
    public Guid AuditId { get; init; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    /// <summary>Lower-cased e-mail of an active member.</summary>
    public required string Owner { get; set; }
    public DateOnly DueOn { get; set; }
    public CorrectiveActionStatus Status { get; set; }
    public int EffectivenessCheckDays { get; set; } = DefaultEffectivenessCheckDays;
    public DateOnly? ClosedOn { get; set; }
    public string? ClosedBy { get; set; }
    public string? ClosureNote { get; set; }
    public string? EvidenceLink { get; set; }
    public Guid? EvidenceFileId { get; set; }
    public DateOnly? EffectivenessCheckDueOn { get; set; }
    public Effectiveness? Effectiveness { get; set; }
    public string? EffectivenessCheckedBy { get; set; }
    public DateOnly? EffectivenessCheckedOn { get; set; }
    public string? EffectivenessNote { get; set; }
    /// <summary>How often a failed effectiveness check sent the action back.</summary>
    public int ReopenCount { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsOpen => Status != CorrectiveActionStatus.Closed;

    /// <summary>Days past the due date of an open action; 0 when it is closed or not due yet.</summary>
    public int OverdueDays(DateOnly today) => IsOpen && DueOn < today ? today.DayNumber - DueOn.DayNumber : 0;

    public string? SetProgress(CorrectiveActionStatus status, DateTimeOffset now)
    {
        if (status == CorrectiveActionStatus.Closed)
        {
            return "Close the action with its evidence instead.";
        }

        if (!IsOpen)
        {
            return "The action is closed; only a failed effectiveness check reopens it.";
        }

        Status = status;
        UpdatedAt = now;
        return null;
    }

    /// <summary>Closes the action with its evidence and schedules the effectiveness check; the refusal, or null.</summary>
    public (string Field, string Message)? Close(string actor, string? note, DateOnly today, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            return ("status", "The action is already closed.");
        }

        if (EvidenceFileId is null && string.IsNullOrWhiteSpace(EvidenceLink))
        {
            return ("evidence", "Attach the closure evidence (a file or a link) before closing the action.");
        }

        Status = CorrectiveActionStatus.Closed;
        ClosedOn = today;
        ClosedBy = actor;
        ClosureNote = note;
        EffectivenessCheckDueOn = today.AddDays(EffectivenessCheckDays);
        Effectiveness = null;
        EffectivenessCheckedBy = null;
        EffectivenessCheckedOn = null;
        EffectivenessNote = null;
        UpdatedAt = now;
        return null;
    }

    /// <summary>
    /// Records the effectiveness check, on or after its scheduled day. Not effective reopens the action: the closure is
    /// undone (kept in the audit trail), the result stays on the action until it is closed again.
    /// </summary>
    public (string Field, string Message)? RecordEffectiveness(Effectiveness result, string actor, string? note, DateOnly today, DateTimeOffset now)
    {
        if (Status != CorrectiveActionStatus.Closed || EffectivenessCheckDueOn is not { } due)
        {
            return ("status", "Only a closed action has an effectiveness check.");
        }

        if (Effectiveness is not null)
        {
            return ("effectiveness", "The effectiveness check is already recorded.");
        }

        if (today < due)
        {
            return ("effectiveness", $"The effectiveness check is scheduled for {due:yyyy-MM-dd}; it cannot be recorded before then.");
        }

        Effectiveness = result;
        EffectivenessCheckedBy = actor;
        EffectivenessCheckedOn = today;
        EffectivenessNote = note;
        if (result == Actions.Effectiveness.NotEffective)
        {
            Status = CorrectiveActionStatus.Open;
            ClosedOn = null;
            ClosedBy = null;
            EffectivenessCheckDueOn = null;
            ReopenCount++;
        }

        UpdatedAt = now;
        return null;
    }
}
