using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Risk.Risks;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.Treatment;

/// <summary>
/// A signed management review asked for a treatment action (rule 10: the review changes work): created once, with the
/// request's id as the action's id, so a redelivery (the inbox) or a republished request (the id is taken) changes
/// nothing. A risk deleted since, or not the tenant's, gets no action: the request is dropped with a log line.
/// </summary>
public sealed class ManagementReviewActionRequestedConsumer(RiskDbContext db, TimeProvider clock, ILogger<ManagementReviewActionRequestedConsumer> logger)
    : InboxConsumer<ManagementReviewActionRequested>(db, clock)
{
    protected override async Task HandleAsync(ManagementReviewActionRequested message, CancellationToken cancellationToken)
    {
        var risk = await db.Risks.FirstOrDefaultAsync(r => r.Id == message.RiskId, cancellationToken);
        if (risk is null)
        {
            logger.LogWarning("Management review {ReviewId} of tenant {TenantId} requested action {RequestId} on risk {RiskId}, which the tenant does not have: dropped",
                message.ReviewId, message.TenantId, message.RequestId, message.RiskId);
            return;
        }

        if (await db.TreatmentActions.AnyAsync(a => a.Id == message.RequestId, cancellationToken))
        {
            return;
        }

        var now = Clock.GetUtcNow();
        var action = new TreatmentAction
        {
            Id = message.RequestId, RiskId = risk.Id, Title = message.Title.Trim(), Owner = message.Owner.Trim().ToLowerInvariant(), DueOn = message.DueOn,
            CreatedAt = now, UpdatedAt = now,
        };
        db.TreatmentActions.Add(action);
        await TreatmentSchedule.RefreshAsync(db, risk, cancellationToken);
        db.AddEvent(RiskEvents.ActionChanged(action, risk, db, deleted: false, now));
    }
}
