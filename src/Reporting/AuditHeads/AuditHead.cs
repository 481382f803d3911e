using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Reporting.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Reporting.AuditHeads;

/// <summary>
/// A service's audit-chain head at the close of a day, as it was published. Kept here, outside the service that owns
/// the chain, so that a history rewritten there later cannot match it; the first one received for a day is kept and
/// never replaced (the daily snapshot and the management review pack will quote these).
/// </summary>
public sealed class AuditHead : ITenantOwned, IImmutableRecord
{
    public Guid TenantId { get; set; }
    public required string Service { get; init; }
    public DateOnly Day { get; init; }
    public long Sequence { get; init; }
    public required string Hash { get; init; }
    public DateTimeOffset HeadOccurredAt { get; init; }
    public DateTimeOffset PublishedAt { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
}

public sealed class AuditTrailHeadPublishedConsumer(ReportingDbContext db, TimeProvider clock, ILogger<AuditTrailHeadPublishedConsumer> logger)
    : InboxConsumer<AuditTrailHeadPublished>(db, clock)
{
    protected override async Task HandleAsync(AuditTrailHeadPublished message, CancellationToken cancellationToken)
    {
        var kept = await db.AuditHeads.AsNoTracking()
            .FirstOrDefaultAsync(h => h.Service == message.Service && h.Day == message.Day, cancellationToken);
        if (kept is not null)
        {
            if (kept.Sequence != message.Sequence || kept.Hash != message.Hash)
            {
                // Never overwritten: the head first published for a day is the anchor a rewritten chain must fail against.
                logger.LogWarning("Tenant {TenantId}'s {Service} chain published a second, different head for {Day} ({Sequence}); the first ({KeptSequence}) is kept",
                    message.TenantId, message.Service, message.Day, message.Sequence, kept.Sequence);
            }

            return;
        }

        db.AuditHeads.Add(new AuditHead
        {
            Service = message.Service, Day = message.Day, Sequence = message.Sequence, Hash = message.Hash,
            HeadOccurredAt = message.HeadOccurredAt, PublishedAt = message.PublishedAt, ReceivedAt = Clock.GetUtcNow(),
        });
    }
}
