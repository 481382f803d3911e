using IsmsCloud.Contracts.Events;
using IsmsCloud.Reporting.Infrastructure;
using IsmsCloud.Reporting.Signals;

namespace IsmsCloud.Reporting.Facts;

/// <summary>Reporting's own sign-offs, kept as facts like any other service's records (signal 8).</summary>
public sealed class ManagementReviewSignedFactConsumer(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed) : FactConsumer<ManagementReviewSigned>(db, clock, feed)
{
    protected override FactVersion ToFact(ManagementReviewSigned e) => new(FactKind.ManagementReview, e.ReviewId, e.Version, e.SignedAt,
        new ManagementReviewFact(e.Title, e.ReviewDate, e.SignedAt, e.SnapshotSha256));
}
