using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Contracts.Events;

namespace IsmsCloud.Audits.Programme;

public enum AuditStatus
{
    Planned,
    InProgress,
    Completed,
    Cancelled,
}

/// <summary>
/// One audit of the programme (clause 9.2): planned for a year, with scope, criteria and its auditor — a member of the
/// tenant, or for a certification body's audits that body's name. Starting and completing record the actual dates.
/// </summary>
public sealed class Audit : ITenantOwned, IVersioned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    Guid IAudited.AuditRecordId => Id;
    public Guid TenantId { get; set; }
    public uint Version { get; set; }
    public required string Title { get; set; }
    public AuditKind Kind { get; set; }
    public int Year { get; set; }
    public required string Scope { get; set; }
    /// <summary>The clauses and controls audited against, as typed (free text: "Clauses 4–10; A.5, A.8").</summary>
    public required string Criteria { get; set; }
    /// <summary>The member leading the audit (lower-cased e-mail); null when an external body runs it.</summary>
    public string? Auditor { get; set; }
    public string? ExternalBody { get; set; }
    public DateOnly PlannedStartOn { get; set; }
    public DateOnly PlannedEndOn { get; set; }
    public DateOnly? StartedOn { get; set; }
    public DateOnly? CompletedOn { get; set; }
    public AuditStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Certification bodies run all kinds but internal audits.</summary>
    public static bool IsExternal(AuditKind kind) => kind != AuditKind.Internal;

    /// <summary>Who runs an audit of a kind: internal audits need a member; external ones a body (a member may accompany).</summary>
    public static IEnumerable<(string Field, string Message)> CheckAuditor(AuditKind kind, string? auditor, string? externalBody)
    {
        if (kind == AuditKind.Internal && string.IsNullOrWhiteSpace(auditor))
        {
            yield return ("auditor", "An internal audit needs an auditor who is a member of the tenant.");
        }

        if (kind == AuditKind.Internal && !string.IsNullOrWhiteSpace(externalBody))
        {
            yield return ("externalBody", "An internal audit is not run by an external body.");
        }

        if (IsExternal(kind) && string.IsNullOrWhiteSpace(externalBody))
        {
            yield return ("externalBody", "Name the certification body that runs the audit.");
        }
    }

    public static IEnumerable<(string Field, string Message)> CheckPlan(int year, DateOnly plannedStart, DateOnly plannedEnd)
    {
        if (year is < 2000 or > 2100)
        {
            yield return ("year", "The year must be between 2000 and 2100.");
        }

        if (plannedStart == default)
        {
            yield return ("plannedStartOn", "Give the planned start date.");
        }
        else if (plannedStart.Year != year)
        {
            yield return ("plannedStartOn", "The planned start must fall in the programme year.");
        }

        if (plannedEnd < plannedStart)
        {
            yield return ("plannedEndOn", "The planned end cannot be before the planned start.");
        }
    }

    /// <summary>Starts the audit on <paramref name="on"/> (not in the future); the reason it cannot, or null.</summary>
    public string? Start(DateOnly on, DateOnly today, DateTimeOffset now)
    {
        if (Status != AuditStatus.Planned)
        {
            return $"The audit is {Status}; only a planned audit can be started.";
        }

        if (on > today)
        {
            return "An audit cannot start in the future.";
        }

        StartedOn = on;
        Status = AuditStatus.InProgress;
        UpdatedAt = now;
        return null;
    }

    /// <summary>Completes the audit on <paramref name="on"/>: not before it started, not in the future.</summary>
    public string? Complete(DateOnly on, DateOnly today, DateTimeOffset now)
    {
        if (Status != AuditStatus.InProgress || StartedOn is not { } started)
        {
            return $"The audit is {Status}; only an audit in progress can be completed.";
        }

        if (on < started)
        {
            return $"The audit cannot end before it started ({started:yyyy-MM-dd}).";
        }

        if (on > today)
        {
            return "An audit cannot be completed in the future.";
        }

        CompletedOn = on;
        Status = AuditStatus.Completed;
        UpdatedAt = now;
        return null;
    }

    public string? Cancel(DateTimeOffset now)
    {
        if (Status is not (AuditStatus.Planned or AuditStatus.InProgress))
        {
            return $"The audit is {Status} and cannot be cancelled.";
        }

        Status = AuditStatus.Cancelled;
        UpdatedAt = now;
        return null;
    }

    /// <summary>Findings are recorded while the audit runs, and on its completion day's report after it.</summary>
    public bool AcceptsFindings => Status is AuditStatus.InProgress or AuditStatus.Completed;
}
