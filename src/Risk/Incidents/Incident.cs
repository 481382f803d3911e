using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Risk.History;

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
public sealed class Incident : ITenantOwned, IVersioned, IHasHistory
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public uint Version { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public IncidentSeverity Severity { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset DetectedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public IncidentStatus Status { get; set; } = IncidentStatus.Open;
    public required string ReportedBy { get; init; }
    public string? NoControlReason { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// Set on every change, links included, so that every change bumps the version: an update that only adds a control
    /// link must still make a concurrent editor's version stale.
    /// </summary>
    public DateTimeOffset UpdatedAt { get; set; }

    public List<IncidentControl> ControlLinks { get; init; } = [];
    public List<IncidentRisk> RiskLinks { get; init; } = [];
}

public sealed class IncidentControl : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid IncidentId { get; init; }
    public Guid ControlId { get; init; }
    public ControlRole Role { get; set; }
}

public sealed class IncidentRisk : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid IncidentId { get; init; }
    public Guid RiskId { get; init; }
}

public static class IncidentRules
{
    /// <summary>Rule 7's closing rule, field by field (empty when the incident may be closed).</summary>
    public static Dictionary<string, string[]> CheckClose(Incident incident, string? noControlReason)
    {
        var errors = new Dictionary<string, string[]>();
        if (incident.Status == IncidentStatus.Closed)
        {
            errors["status"] = ["The incident is already closed."];
        }

        if (incident.ControlLinks.Count == 0 && string.IsNullOrWhiteSpace(noControlReason))
        {
            errors["noControlReason"] = ["Link at least one control that failed or helped, or state why no control applies."];
        }

        if (incident.ResolvedAt is null)
        {
            errors["resolvedAt"] = ["Record when the incident was resolved before closing it."];
        }

        return errors;
    }

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
