using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Suppliers.Assessments;
using IsmsCloud.Suppliers.Infrastructure;
using IsmsCloud.Suppliers.Settings;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Suppliers.Republishing;

/// <summary>
/// Publishes the current state of every record of the tenant again (<see cref="TenantStateRequested"/>): the settings
/// (when the tenant saved its own), each supplier, access record, certificate or agreement, assessment (and the result
/// of a completed one) and announced gap,
/// as the event its last change published, with its current version and the time of that change. Built by the same
/// event builders as the changes (<see cref="SupplierEventFacts"/>), so a backfilled record reads like one followed
/// from the start; consumers that hold the version ignore it. A republished supplier names no material change and no
/// added AI use: those describe a change, and nothing changed.
/// </summary>
public sealed class TenantStateRequestedConsumer(SupplierDbContext db, TimeProvider clock) : InboxConsumer<TenantStateRequested>(db, clock)
{
    protected override async Task HandleAsync(TenantStateRequested message, CancellationToken cancellationToken)
    {
        var settings = await db.Settings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (settings is not null)
        {
            // Rows saved before the settings kept their change time: their last audit entry has it.
            var changedAt = settings.UpdatedAt ?? await db.AuditTrail.AsNoTracking()
                .Where(e => e.RecordId == db.CurrentTenantId && e.RecordType == nameof(SupplierSettings))
                .OrderByDescending(e => e.Sequence).Select(e => (DateTimeOffset?)e.OccurredAt).FirstOrDefaultAsync(cancellationToken);
            db.AddEvent(SupplierEventFacts.SettingsChanged(db, settings, changedAt ?? message.RequestedAt));
        }

        var suppliers = await db.Suppliers.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var supplier in suppliers)
        {
            db.AddEvent(SupplierEventFacts.Changed(db, supplier, [], aiUseAdded: false, supplier.UpdatedAt));
        }

        var names = suppliers.ToDictionary(s => s.Id, s => s.LegalName);
        foreach (var access in await db.SupplierAccess.AsNoTracking().ToListAsync(cancellationToken))
        {
            db.AddEvent(SupplierEventFacts.AccessChanged(db, access, names[access.SupplierId], access.UpdatedAt));
        }

        foreach (var certificate in await db.Certificates.AsNoTracking().ToListAsync(cancellationToken))
        {
            db.AddEvent(SupplierEventFacts.CertificateChanged(db, certificate, certificate.UpdatedAt));
        }

        foreach (var assessment in await db.Assessments.AsNoTracking().ToListAsync(cancellationToken))
        {
            // An assessment keeps no time of its last change: the newest of its own moments stands in.
            db.AddEvent(SupplierEventFacts.AssessmentChanged(db, assessment, assessment.CompletedAt ?? assessment.SubmittedAt ?? assessment.CreatedAt));
            if (assessment is { Status: AssessmentStatus.Completed, Result: not null })
            {
                db.AddEvent(SupplierEventFacts.Assessed(db, assessment));
            }
        }

        foreach (var gap in await db.GapStates.AsNoTracking().Where(g => g.Revision > 0).ToListAsync(cancellationToken))
        {
            var reasons = gap.Reasons.Length == 0 ? [] : gap.Reasons.Split(',').ToList();
            db.AddEvent(new SupplierAssuranceGapChanged(db.CurrentTenantId, gap.SupplierId, gap.Revision, reasons, gap.EvaluatedOn,
                gap.EvaluatedOn.StartOfUtcDay()));
        }
    }
}
