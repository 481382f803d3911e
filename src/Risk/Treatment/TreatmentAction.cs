using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;

namespace IsmsCloud.Risk.Treatment;

public enum TreatmentActionStatus
{
    Planned,
    InProgress,
    Done,
    Cancelled,
}

/// <summary>A step that treats a risk (rule 2): owner, due date, status, and optionally the delivery ticket that tracks it.</summary>
public sealed class TreatmentAction : ITenantOwned, IVersioned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    Guid IAudited.AuditRecordId => Id;
    public Guid TenantId { get; set; }
    public uint Version { get; set; }
    public Guid RiskId { get; init; }
    public required string Title { get; set; }
    public required string Owner { get; set; }
    public DateOnly DueOn { get; set; }
    public TreatmentActionStatus Status { get; set; } = TreatmentActionStatus.Planned;
    public string? TicketUrl { get; set; }

    /// <summary>Set when the action came from an incident's lessons learned (rule 7).</summary>
    public Guid? SourceIncidentId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    public bool IsOpen => Status is TreatmentActionStatus.Planned or TreatmentActionStatus.InProgress;

    public int OverdueDays(DateOnly today) => OverdueAge.Of(IsOpen, DueOn, today);
}

/// <summary>
/// Rule 2: the overdue age of an open action is the number of days past its due date (0 when not yet due, done or
/// cancelled); a risk's overdue age is the largest of its actions'. "Today" is the tenant's current date, from the
/// injected clock.
/// </summary>
public static class OverdueAge
{
    public static int Of(bool isOpen, DateOnly dueOn, DateOnly today) =>
        isOpen && today > dueOn ? today.DayNumber - dueOn.DayNumber : 0;

    /// <summary>A risk's overdue age from the earliest due date among its open actions (what the list query fetches).</summary>
    public static int OfRisk(DateOnly? earliestOpenDueOn, DateOnly today) =>
        earliestOpenDueOn is { } due ? Of(isOpen: true, due, today) : 0;

    public static int OfRisk(IEnumerable<TreatmentAction> actions, DateOnly today) =>
        actions.Select(a => a.OverdueDays(today)).DefaultIfEmpty(0).Max();
}
