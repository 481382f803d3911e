using IsmsCloud.Audits.AccessReviews;
using IsmsCloud.Audits.Actions;
using IsmsCloud.Audits.Findings;
using IsmsCloud.Audits.Infrastructure;
using IsmsCloud.Audits.Programme;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Contracts.Events;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Audits.Republishing;

/// <summary>
/// Publishes the current state of every record of the tenant again (<see cref="TenantStateRequested"/>), as the event
/// its last change published, with its current version and the time of that change (ADR 0021): each audit that started
/// (AuditCompleted once completed, else AuditStarted), each finding (FindingRaised while it never changed, else
/// FindingChanged, with its recurrence now), each corrective action, each campaign and each decided review item
/// (undecided items were never announced). Built by the same builders as the changes; consumers holding the version
/// ignore it, so a repeated request changes nothing.
/// </summary>
public sealed class TenantStateRequestedConsumer(AuditDbContext db, TimeProvider clock) : InboxConsumer<TenantStateRequested>(db, clock)
{
    protected override async Task HandleAsync(TenantStateRequested message, CancellationToken cancellationToken)
    {
        foreach (var audit in await db.Audits.AsNoTracking().Where(a => a.StartedOn != null).ToListAsync(cancellationToken))
        {
            if (audit.CompletedOn is not null)
            {
                db.AddEvent(AuditsApi.Completed(db, audit, audit.UpdatedAt));
            }
            else
            {
                db.AddEvent(AuditsApi.Started(db, audit, audit.UpdatedAt));
            }
        }

        // Recurrence of all findings in one statement (the rule's expression), not one query per finding.
        foreach (var (finding, recurring) in await db.Findings.AsNoTracking().WithRecurrence(db.Findings).ToListAsync(cancellationToken))
        {
            if (finding.Version == 0)
            {
                db.AddEvent(FindingsApi.Raised(db, finding, recurring, finding.CreatedAt));
            }
            else
            {
                db.AddEvent(FindingsApi.Changed(db, finding, recurring, finding.UpdatedAt));
            }
        }

        foreach (var action in await db.CorrectiveActions.AsNoTracking().ToListAsync(cancellationToken))
        {
            db.AddEvent(CorrectiveActionsApi.Changed(db, action, action.UpdatedAt));
        }

        foreach (var campaign in await db.Campaigns.AsNoTracking().ToListAsync(cancellationToken))
        {
            db.AddEvent(CampaignsApi.Changed(db, campaign, campaign.UpdatedAt));
        }

        // Only the decided items: an item's event is published when it is decided or verified.
        var items = db.ReviewItems.AsNoTracking().Where(i => i.Decision != null).OrderBy(i => i.Id).AsAsyncEnumerable();
        await foreach (var item in items.WithCancellation(cancellationToken))
        {
            db.AddEvent(CampaignsApi.Changed(db, item, item.VerifiedAt ?? item.DecidedAt!.Value));
        }
    }
}
