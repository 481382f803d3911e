using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Reporting.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Reporting.ManagementReviews;

/// <summary>
/// Reporting is the source of its own sign-offs: asked for the tenant's state (a backfill), it publishes
/// <see cref="ManagementReviewSigned"/> again for every signed review, at the version it was signed with, so signal 8's
/// facts come back like any other service's records (a fact held at that version ignores it). The action requests are
/// not republished: risk-api would recreate an action someone has deleted since.
/// </summary>
public sealed class ManagementReviewRepublisher(ReportingDbContext db, TimeProvider clock) : InboxConsumer<TenantStateRequested>(db, clock)
{
    protected override async Task HandleAsync(TenantStateRequested message, CancellationToken cancellationToken)
    {
        var signed = await db.ManagementReviews.AsNoTracking().Where(r => r.Status == ManagementReviewStatus.Signed).ToListAsync(cancellationToken);
        foreach (var review in signed)
        {
            db.AddEvent(new ManagementReviewSigned(db.CurrentTenantId, review.Id, review.Title, review.ReviewDate, review.Chair, review.SignedAt!.Value,
                review.SnapshotSha256!, review.Version));
        }
    }
}
