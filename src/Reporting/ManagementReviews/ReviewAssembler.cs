using IsmsCloud.Reporting.Infrastructure;
using IsmsCloud.Reporting.Signals;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Reporting.ManagementReviews;

/// <summary>Gathers what a review reads: its inputs as of its date, the signed reviews before it and the audit heads.</summary>
public sealed class ReviewAssembler(ReportingDbContext db, SignalsService signals)
{
    public DateOnly Today => signals.Today;

    public async Task<ReviewInputs> InputsAsync(ManagementReview review, CancellationToken cancellationToken)
    {
        var day = review.ReviewDate;
        var earlier = await PriorReviewsAsync(review, cancellationToken);
        var previous = earlier.MaxBy(r => (r.Review.ReviewDate, r.Review.Id));
        var loaded = await signals.LoadFactsAsync(cancellationToken);
        var figures = await signals.FiguresAsync(day, cancellationToken);
        var previousFigures = previous is null ? null : await signals.FiguresAsync(previous.Review.ReviewDate, cancellationToken);
        var trend = await signals.TrendAsync(day.AddDays(-(ReviewInputsBuilder.TrendDays - 1)), day, cancellationToken);
        // From the facts loaded above (today's records are kept with the live figures), not a second load.
        var supplierGaps = SignalsService.Compute(loaded, day, signals.Today).Records[SignalNames.SupplierGaps];
        return ReviewInputsBuilder.Build(loaded.All, day, signals.Today, figures, previousFigures, trend, earlier,
            new FreeTextInputs(review.IssueChanges, review.InterestedPartiesFeedback, review.ImprovementOpportunities), supplierGaps);
    }

    /// <summary>The signed reviews dated before this one, with the actions their decisions requested.</summary>
    public async Task<IReadOnlyList<PriorReview>> PriorReviewsAsync(ManagementReview review, CancellationToken cancellationToken)
    {
        var signed = await db.ManagementReviews.AsNoTracking()
            .Where(r => r.Status == ManagementReviewStatus.Signed && r.Id != review.Id && r.ReviewDate < review.ReviewDate)
            .Select(r => new ReviewRef(r.Id, r.Title, r.ReviewDate)).ToListAsync(cancellationToken);
        var ids = signed.Select(r => r.Id).ToList();
        var decisions = await db.ManagementReviewDecisions.AsNoTracking().Where(d => ids.Contains(d.ReviewId)).ToListAsync(cancellationToken);
        var byReview = decisions.ToLookup(d => d.ReviewId);
        return signed.Select(r => new PriorReview(r, byReview[r.Id].OrderBy(d => d.CreatedAt).ThenBy(d => d.Id).SelectMany(d => d.Actions).ToList())).ToList();
    }

    /// <summary>Per service, the head published for the review's day, or the newest one before it.</summary>
    public async Task<IReadOnlyList<AuditHeadQuote>> AuditHeadsAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var heads = await db.AuditHeads.AsNoTracking().Where(h => h.Day <= day).ToListAsync(cancellationToken);
        return heads.GroupBy(h => h.Service).Select(g => g.MaxBy(h => h.Day)!).OrderBy(h => h.Service, StringComparer.Ordinal)
            .Select(h => new AuditHeadQuote(h.Service, h.Day, h.Sequence, h.Hash.Trim())).ToList();
    }

    public async Task<IReadOnlyList<DecisionRecord>> DecisionsAsync(Guid reviewId, CancellationToken cancellationToken) =>
        (await db.ManagementReviewDecisions.AsNoTracking().Where(d => d.ReviewId == reviewId).ToListAsync(cancellationToken))
        .OrderBy(d => d.CreatedAt).ThenBy(d => d.Id).Select(ToRecord).ToList();

    public static DecisionRecord ToRecord(ManagementReviewDecision d) => new(d.Id, d.Kind, d.Summary, d.Links, d.Actions, d.CreatedAt);

    /// <summary>The frozen snapshot of a signed review.</summary>
    public async Task<ReviewSnapshotContent?> SnapshotAsync(Guid reviewId, CancellationToken cancellationToken) =>
        await db.ManagementReviewSnapshots.AsNoTracking().FirstOrDefaultAsync(s => s.ReviewId == reviewId, cancellationToken) is { } s
            ? ReviewSnapshotHash.Read(s.Content) : null;
}
