using IsmsCloud.Contracts.Events;

namespace IsmsCloud.Risk.Incidents;

/// <summary>The integration events of incidents, built from the record.</summary>
internal static class IncidentEvents
{
    public static IncidentClosed Closed(Incident incident, int lessonCount, Guid tenantId) => new(
        tenantId, incident.Id, incident.Title, incident.Severity.ToString(),
        incident.ControlLinks.Where(l => l.Role == ControlRole.Failed).Select(l => l.ControlId).ToList(),
        incident.ControlLinks.Where(l => l.Role == ControlRole.Helped).Select(l => l.ControlId).ToList(),
        incident.RiskLinks.Select(l => l.RiskId).ToList(), lessonCount, incident.NoControlReason, incident.OccurredAt, incident.ClosedAt!.Value);
}
