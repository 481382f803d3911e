using IsmsCloud.Contracts.Events;
using MassTransit;

namespace IsmsCloud.Trust.Portal;

/// <summary>
/// A save changed what a tenant's portal shows. The instance that saved evicts its own cached pages at once; this
/// message, published through the outbox in the same transaction, reaches every other instance of trust-api (each
/// listens on a queue of its own, see <see cref="PortalPagesChangedConsumer"/>), so that none of them keeps serving
/// the old page until its cache entry expires. trust-api's own message: no other service consumes it.
/// </summary>
public sealed record PortalPagesChanged(Guid TenantId) : ITenantEvent;

/// <summary>Evicts this instance's cached pages of the tenant. Eviction is idempotent, so redelivery needs no inbox.</summary>
public sealed class PortalPagesChangedConsumer(PortalCache cache) : IConsumer<PortalPagesChanged>
{
    public Task Consume(ConsumeContext<PortalPagesChanged> context) => cache.EvictAsync(context.Message.TenantId, context.CancellationToken).AsTask();
}
