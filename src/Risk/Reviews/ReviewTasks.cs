using IsmsCloud.Risk.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.Reviews;

internal static class ReviewTasks
{
    /// <summary>Opens a review unless one with the same reason is already open (pending in this save or stored).</summary>
    public static async Task OpenAsync(RiskDbContext db, ReviewSubject subject, Guid subjectId, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var pending = db.ReviewTasks.Local.Any(r => r.SubjectId == subjectId && r.Reason == reason && r.IsOpen);
        if (pending || await db.ReviewTasks.AnyAsync(r => r.SubjectId == subjectId && r.Reason == reason && r.ResolvedAt == null, cancellationToken))
        {
            return;
        }

        db.ReviewTasks.Add(new ReviewTask { Subject = subject, SubjectId = subjectId, Reason = reason, OpenedAt = at });
    }

    /// <summary>
    /// Opens one review per subject for <paramref name="causeId"/>, except on subjects that already have that cause's
    /// review open: one query for all of them, not one per subject.
    /// </summary>
    public static async Task OpenForCauseAsync(
        RiskDbContext db, ReviewSubject subject, IReadOnlyCollection<Guid> subjectIds, Guid causeId, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (subjectIds.Count == 0)
        {
            return;
        }

        var open = (await db.ReviewTasks.Where(r => subjectIds.Contains(r.SubjectId) && r.CauseId == causeId && r.ResolvedAt == null)
                .Select(r => r.SubjectId).ToListAsync(cancellationToken))
            .Concat(db.ReviewTasks.Local.Where(r => r.CauseId == causeId && r.IsOpen).Select(r => r.SubjectId))
            .ToHashSet();
        foreach (var subjectId in subjectIds.Where(id => !open.Contains(id)).Distinct())
        {
            db.ReviewTasks.Add(new ReviewTask { Subject = subject, SubjectId = subjectId, Reason = reason, CauseId = causeId, OpenedAt = at });
        }
    }

    public static async Task ResolveAllAsync(RiskDbContext db, Guid subjectId, string by, DateTimeOffset at, string resolution, CancellationToken cancellationToken)
    {
        var open = await db.ReviewTasks.Where(r => r.SubjectId == subjectId && r.ResolvedAt == null).ToListAsync(cancellationToken);
        foreach (var review in open)
        {
            review.Resolve(by, at, resolution);
        }
    }
}
