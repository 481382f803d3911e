using IsmsCloud.Risk.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.Reviews;

internal static class ReviewTasks
{
    /// <summary>
    /// Opens a review unless the same one is already open (pending in this save or stored): the same cause when the
    /// review has one, otherwise the same reason.
    /// </summary>
    public static async Task OpenAsync(
        RiskDbContext db, ReviewSubject subject, Guid subjectId, string reason, DateTimeOffset at, CancellationToken cancellationToken, Guid? causeId = null)
    {
        var pending = db.ReviewTasks.Local.Any(r => r.SubjectId == subjectId && r.IsOpen && (causeId is null ? r.Reason == reason : r.CauseId == causeId));
        var stored = db.ReviewTasks.Where(r => r.SubjectId == subjectId && r.ResolvedAt == null);
        stored = causeId is null ? stored.Where(r => r.Reason == reason) : stored.Where(r => r.CauseId == causeId);
        if (pending || await stored.AnyAsync(cancellationToken))
        {
            return;
        }

        db.ReviewTasks.Add(new ReviewTask { Subject = subject, SubjectId = subjectId, Reason = reason, CauseId = causeId, OpenedAt = at });
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
