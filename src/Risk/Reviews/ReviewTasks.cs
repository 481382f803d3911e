using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Risk.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.Reviews;

/// <summary>Opens and resolves review tasks: the one place that does, so that each change is announced (<see cref="ReviewTaskChanged"/>).</summary>
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

        Add(db, new ReviewTask { Subject = subject, SubjectId = subjectId, Reason = reason, OpenedAt = at });
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
            Add(db, new ReviewTask { Subject = subject, SubjectId = subjectId, Reason = reason, CauseId = causeId, OpenedAt = at });
        }
    }

    public static async Task ResolveAllAsync(RiskDbContext db, Guid subjectId, string by, DateTimeOffset at, string resolution, CancellationToken cancellationToken)
    {
        var open = await db.ReviewTasks.Where(r => r.SubjectId == subjectId && r.ResolvedAt == null).ToListAsync(cancellationToken);
        foreach (var review in open)
        {
            Resolve(db, review, by, at, resolution);
        }
    }

    public static void Resolve(RiskDbContext db, ReviewTask review, string by, DateTimeOffset at, string resolution)
    {
        review.Resolve(by, at, resolution);
        db.AddEvent(Changed(db, review, at));
    }

    /// <summary>The task's state as an event; its version is 1 while open and 2 once resolved (a resolved task stays resolved).</summary>
    public static ReviewTaskChanged Changed(RiskDbContext db, ReviewTask r, DateTimeOffset at) =>
        new(db.CurrentTenantId, r.Id, r.Subject.ToString(), r.SubjectId, r.Reason, r.OpenedAt, r.ResolvedAt, at, r.IsOpen ? 1 : 2);

    private static void Add(RiskDbContext db, ReviewTask review)
    {
        db.ReviewTasks.Add(review);
        db.AddEvent(Changed(db, review, review.OpenedAt));
    }
}
