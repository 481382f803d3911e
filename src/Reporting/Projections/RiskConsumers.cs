using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Reporting.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Reporting.Projections;

public sealed class RiskAssessedConsumer(ReportingDbContext db, TimeProvider clock) : InboxConsumer<RiskAssessed>(db, clock)
{
    protected override async Task HandleAsync(RiskAssessed message, CancellationToken cancellationToken)
    {
        var entry = await db.RiskRegister.FirstOrDefaultAsync(r => r.RiskId == message.RiskId, cancellationToken);
        if (entry is null)
        {
            db.RiskRegister.Add(new RiskRegisterEntry
            {
                RiskId = message.RiskId,
                Band = message.Band,
                Score = message.Score,
                AssessedAt = message.AssessedAt,
                ProjectedAt = Clock.GetUtcNow(),
            });
        }
        else if (!entry.Deleted && message.AssessedAt >= entry.AssessedAt)
        {
            entry.Band = message.Band;
            entry.Score = message.Score;
            entry.AssessedAt = message.AssessedAt;
            entry.ProjectedAt = Clock.GetUtcNow();
        }
    }
}

public sealed class RiskDeletedConsumer(ReportingDbContext db, TimeProvider clock) : InboxConsumer<RiskDeleted>(db, clock)
{
    protected override async Task HandleAsync(RiskDeleted message, CancellationToken cancellationToken)
    {
        var entry = await db.RiskRegister.FirstOrDefaultAsync(r => r.RiskId == message.RiskId, cancellationToken);
        if (entry is null)
        {
            db.RiskRegister.Add(new RiskRegisterEntry { RiskId = message.RiskId, AssessedAt = message.DeletedAt, ProjectedAt = Clock.GetUtcNow(), Deleted = true });
        }
        else
        {
            entry.Deleted = true;
            entry.ProjectedAt = Clock.GetUtcNow();
        }
    }
}
