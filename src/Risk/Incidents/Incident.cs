using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Risk.Access;

namespace IsmsCloud.Risk.Incidents;

public enum IncidentSeverity
{
    Low,
    Medium,
    High,
    Critical,
}

public enum IncidentStatus
{
    Open,
    Resolved,
    Closed,
}

public enum ControlRole
{
    Failed,
    Helped,
}

/// <summary>
/// A security incident (rule 7), traced to the controls that failed or helped and to the risks it touched. Its lessons
/// learned become treatment actions. It cannot be closed without a linked control or a stated reason why none applies.
/// </summary>
public sealed class Incident : ITenantOwned, IVersioned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    Guid IAudited.AuditRecordId => Id;
    public Guid TenantId { get; set; }
    public uint Version { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public IncidentSeverity Severity { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset DetectedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public IncidentStatus Status { get; private set; } = IncidentStatus.Open;
    public required string ReportedBy { get; init; }
    public string? NoControlReason { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// Set on every change, links included, so that every change bumps the version: an update that only adds a control
    /// link must still make a concurrent editor's version stale.
    /// </summary>
    public DateTimeOffset UpdatedAt { get; set; }

    public List<IncidentControl> ControlLinks { get; init; } = [];
    public List<IncidentRisk> RiskLinks { get; init; } = [];

    /// <summary>An incident is open until resolved; recording (or clearing) the resolution time moves it.</summary>
    public void RecordResolution(DateTimeOffset? resolvedAt)
    {
        ResolvedAt = resolvedAt;
        Status = resolvedAt is null ? IncidentStatus.Open : IncidentStatus.Resolved;
    }

    /// <summary>Makes the control links exactly <paramref name="links"/>, keeping the links that stay (a changed role is updated).</summary>
    public void SyncControls(IReadOnlyCollection<(Guid ControlId, ControlRole Role)> links)
    {
        ControlLinks.RemoveAll(l => links.All(n => n.ControlId != l.ControlId));
        foreach (var (controlId, role) in links)
        {
            if (ControlLinks.FirstOrDefault(l => l.ControlId == controlId) is { } existing)
            {
                existing.Role = role;
            }
            else
            {
                ControlLinks.Add(new IncidentControl { IncidentId = Id, ControlId = controlId, Role = role });
            }
        }
    }

    /// <summary>Makes the risk links exactly <paramref name="riskIds"/>.</summary>
    public void SyncRisks(IReadOnlyCollection<Guid> riskIds)
    {
        RiskLinks.RemoveAll(l => !riskIds.Contains(l.RiskId));
        foreach (var riskId in riskIds)
        {
            LinkRisk(riskId);
        }
    }

    /// <summary>Links a risk unless it is linked already; true when the links changed.</summary>
    public bool LinkRisk(Guid riskId)
    {
        if (RiskLinks.Any(l => l.RiskId == riskId))
        {
            return false;
        }

        RiskLinks.Add(new IncidentRisk { IncidentId = Id, RiskId = riskId });
        return true;
    }

    /// <summary>Who may change or close it: who reported it, or an ISMS manager.</summary>
    public bool MayBeChangedBy(Actor actor) => actor.IsManager || actor.Is(ReportedBy);

    /// <summary>A closed incident is part of the record.</summary>
    public RuleCheck CheckRevise(Actor actor)
    {
        var check = new RuleCheck();
        if (!MayBeChangedBy(actor))
        {
            check.Forbid("Only who reported the incident or an ISMS manager can change it.");
        }

        if (Status == IncidentStatus.Closed)
        {
            check.Invalid("status", "A closed incident is part of the record and cannot be changed.");
        }

        return check;
    }

    /// <summary>Rule 7's closing rule: resolved, and a linked control or a stated reason why none applies.</summary>
    public RuleCheck CheckClose(Actor actor, string? noControlReason)
    {
        var check = new RuleCheck();
        if (!MayBeChangedBy(actor))
        {
            check.Forbid("Only who reported the incident or an ISMS manager can close it.");
        }

        if (Status == IncidentStatus.Closed)
        {
            check.Invalid("status", "The incident is already closed.");
        }

        if (ControlLinks.Count == 0 && string.IsNullOrWhiteSpace(noControlReason))
        {
            check.Invalid("noControlReason", "Link at least one control that failed or helped, or state why no control applies.");
        }

        if (ResolvedAt is null)
        {
            check.Invalid("resolvedAt", "Record when the incident was resolved before closing it.");
        }

        return check;
    }

    public void Close(string? noControlReason, DateTimeOffset at)
    {
        Status = IncidentStatus.Closed;
        ClosedAt = at;
        UpdatedAt = at;
        NoControlReason = string.IsNullOrWhiteSpace(noControlReason) ? null : noControlReason.Trim();
    }
}

public sealed class IncidentControl : ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }
    Guid IAudited.AuditRecordId => IncidentId;
    public Guid IncidentId { get; init; }
    public Guid ControlId { get; init; }
    public ControlRole Role { get; set; }
}

public sealed class IncidentRisk : ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }
    Guid IAudited.AuditRecordId => IncidentId;
    public Guid IncidentId { get; init; }
    public Guid RiskId { get; init; }
}

public static class IncidentRules
{
    /// <summary>Occurred ≤ detected ≤ resolved: times that contradict each other are refused.</summary>
    public static Dictionary<string, string[]> CheckTimes(DateTimeOffset occurredAt, DateTimeOffset detectedAt, DateTimeOffset? resolvedAt, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (detectedAt < occurredAt)
        {
            errors["detectedAt"] = ["An incident cannot be detected before it occurred."];
        }

        if (resolvedAt is { } resolved && resolved < detectedAt)
        {
            errors["resolvedAt"] = ["An incident cannot be resolved before it was detected."];
        }

        if (occurredAt > now.AddMinutes(5))
        {
            errors["occurredAt"] = ["The time the incident occurred cannot be in the future."];
        }

        return errors;
    }
}
