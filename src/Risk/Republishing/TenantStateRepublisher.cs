using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Risk.Evidence;
using IsmsCloud.Risk.Exceptions;
using IsmsCloud.Risk.Incidents;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Risk.Reviews;
using IsmsCloud.Risk.Risks;
using IsmsCloud.Risk.Settings;
using IsmsCloud.Risk.Soa;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.Republishing;

/// <summary>
/// Publishes the current state of every record of the tenant again (<see cref="TenantStateRequested"/>): each risk,
/// treatment action, control, evidence record, granted exception, closed incident and review task, as the event its last change
/// published, with its current version and the time of that change. Built by the same event builders as the changes,
/// so a backfilled record reads exactly like one that was followed from the start; consumers that hold the version
/// ignore it.
/// </summary>
public sealed class TenantStateRequestedConsumer(RiskDbContext db, TimeProvider clock) : InboxConsumer<TenantStateRequested>(db, clock)
{
    protected override async Task HandleAsync(TenantStateRequested message, CancellationToken cancellationToken)
    {
        var settings = await db.Settings.AsNoTracking().FirstOrDefaultAsync(cancellationToken) ?? new RiskSettings();
        var risks = await db.Risks.AsNoTracking().ToDictionaryAsync(r => r.Id, cancellationToken);
        foreach (var risk in risks.Values)
        {
            db.AddEvent(RiskEvents.Assessed(risk, db, isNew: false, settings));
        }

        foreach (var action in await db.TreatmentActions.AsNoTracking().ToListAsync(cancellationToken))
        {
            db.AddEvent(RiskEvents.ActionChanged(action, risks[action.RiskId], db, deleted: false, action.UpdatedAt));
        }

        var links = (await db.ControlRisks.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(l => l.ControlId, l => l.RiskId);
        var controls = await db.Controls.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var control in controls)
        {
            db.AddEvent(SoaEvents.ControlChanged(control, db, links[control.Id].ToList()));
        }

        var references = controls.ToDictionary(c => c.Id, c => c.Reference);
        foreach (var evidence in await db.Evidence.AsNoTracking().ToListAsync(cancellationToken))
        {
            db.AddEvent(EvidenceApi.Recorded(evidence, references[evidence.ControlId], db.CurrentTenantId));
        }

        var today = Clock.Today();
        foreach (var exception in await db.ControlExceptions.AsNoTracking().Where(e => e.FirstGrantedAt != null).ToListAsync(cancellationToken))
        {
            var kind = exception.Status switch
            {
                ExceptionStatus.Expired => ExceptionEventKind.Expired,
                ExceptionStatus.Closed => ExceptionEventKind.Closed,
                _ => exception.RenewalCount > 0 ? ExceptionEventKind.Renewed : ExceptionEventKind.Granted,
            };
            var at = exception.EndedAt ?? exception.GrantedAt ?? exception.FirstGrantedAt!.Value;
            db.AddEvent(ExceptionEvents.Create(exception, references[exception.ControlId], kind, db.CurrentTenantId, today, at, exception.Version));
        }

        var lessons = await db.TreatmentActions.AsNoTracking().Where(a => a.SourceIncidentId != null)
            .GroupBy(a => a.SourceIncidentId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        foreach (var incident in await db.Incidents.AsNoTracking().Include(i => i.ControlLinks).Include(i => i.RiskLinks)
                     .Where(i => i.Status == IncidentStatus.Closed).ToListAsync(cancellationToken))
        {
            db.AddEvent(IncidentEvents.Closed(incident, lessons.GetValueOrDefault(incident.Id), db));
        }

        foreach (var review in await db.ReviewTasks.AsNoTracking().ToListAsync(cancellationToken))
        {
            db.AddEvent(ReviewTasks.Changed(db, review, review.ResolvedAt ?? review.OpenedAt));
        }
    }
}
