using IsmsCloud.Contracts.Events;
using MassTransit;

namespace IsmsCloud.BuildingBlocks.Tenancy;

/// <summary>
/// Runs every consumer in the tenant of the event it consumes: the scoped <see cref="TenantContext"/> the consumer's
/// DbContext sees is set from the message's TenantId before the consumer is called.
/// </summary>
public sealed class TenantConsumeFilter<T>(TenantContext tenant) : IFilter<ConsumeContext<T>> where T : class
{
    public Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        if (context.Message is ITenantEvent tenantEvent)
        {
            tenant.Set(tenantEvent.TenantId);
        }

        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("tenant");
}
