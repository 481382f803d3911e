using IsmsCloud.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace IsmsCloud.Reporting.ManagementReviews;

/// <summary>
/// Sign-off locks a review (rule 10): once a review was saved as signed, no save may change or delete it or add, change
/// or remove its decisions, whatever an endpoint does. Checked by <see cref="Infrastructure.ReportingDbContext"/> before
/// every save and answered as 409, like a published SoA version.
/// </summary>
public static class ManagementReviewLock
{
    public const string Refusal = "The management review is signed: its record is locked and cannot be changed.";

    public static async Task CheckAsync(DbContext db, CancellationToken cancellationToken)
    {
        var decisionReviews = Check(db.ChangeTracker);
        if (decisionReviews.Count > 0 && await db.Set<ManagementReview>().AsNoTracking()
                .AnyAsync(r => decisionReviews.Contains(r.Id) && r.Status == ManagementReviewStatus.Signed, cancellationToken))
        {
            throw new ImmutableRecordException(Refusal);
        }
    }

    public static void CheckSync(DbContext db)
    {
        var decisionReviews = Check(db.ChangeTracker);
        if (decisionReviews.Count > 0 && db.Set<ManagementReview>().AsNoTracking()
                .Any(r => decisionReviews.Contains(r.Id) && r.Status == ManagementReviewStatus.Signed))
        {
            throw new ImmutableRecordException(Refusal);
        }
    }

    /// <summary>Throws for a signed review changed; returns the reviews whose decisions change (to look up).</summary>
    private static List<Guid> Check(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries<ManagementReview>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted
                && entry.Property(r => r.Status).OriginalValue == ManagementReviewStatus.Signed)
            {
                throw new ImmutableRecordException(Refusal);
            }
        }

        return tracker.Entries<ManagementReviewDecision>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Entity.ReviewId).Distinct().ToList();
    }
}
