using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Risk.Infrastructure;

namespace IsmsCloud.Risk.Incidents;

/// <summary>The integration events of incidents, built from the record.</summary>
internal static class IncidentEvents
{
    public static IncidentClosed Closed(Incident incident, int lessonCount, RiskDbContext db) => new(
        db.CurrentTenantId, incident.Id, incident.Title, incident.Severity.ToString(),
        incident.ControlLinks.Where(l => l.Role == ControlRole.Failed).Select(l => l.ControlId).ToList(),
        incident.ControlLinks.Where(l => l.Role == ControlRole.Helped).Select(l => l.ControlId).ToList(),
        incident.RiskLinks.Select(l => l.RiskId).ToList(), lessonCount, incident.NoControlReason, incident.OccurredAt, incident.ClosedAt!.Value,
        EventVersion.After(db, incident));
}
