using IsmsCloud.Risk.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.Reviews;

internal static class ReviewTasks
{
    /// <summary>Opens a review unless the same one is already open (pending in this save or stored).</summary>
    public static async Task OpenAsync(RiskDbContext db, ReviewSubject subject, Guid subjectId, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var pending = db.ReviewTasks.Local.Any(r => r.SubjectId == subjectId && r.Reason == reason && r.IsOpen);
        if (pending || await db.ReviewTasks.AnyAsync(r => r.SubjectId == subjectId && r.Reason == reason && r.ResolvedAt == null, cancellationToken))
        {
            return;
        }

        db.ReviewTasks.Add(new ReviewTask { Subject = subject, SubjectId = subjectId, Reason = reason, OpenedAt = at });
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
