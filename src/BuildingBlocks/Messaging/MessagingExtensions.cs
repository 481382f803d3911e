using IsmsCloud.BuildingBlocks.Members;
using IsmsCloud.BuildingBlocks.TenantData;
using IsmsCloud.BuildingBlocks.Tenancy;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace IsmsCloud.BuildingBlocks.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit on RabbitMQ (connection string <c>rabbitmq</c>), the outbox relay for <typeparamref name="TContext"/>,
    /// the tenant lifecycle consumers every service runs (when <paramref name="consumesTenantLifecycle"/>), retries
    /// then the error queue, and every consumer run in its message's tenant.
    /// Queues are named "{service}-{consumer}", so each service gets its own copy of every event it consumes and the
    /// instances of one service compete on it.
    /// </summary>
    public static IHostApplicationBuilder AddServiceMessaging<TContext>(
        this IHostApplicationBuilder builder,
        string serviceName,
        Action<IBusRegistrationConfigurator>? consumers = null,
        bool consumesTenantLifecycle = true)
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(Contracts.Resources.RabbitMq)
            ?? throw new InvalidOperationException($"Connection string '{Contracts.Resources.RabbitMq}' is missing.");

        builder.AddTenancy();
        builder.Services.TryAddSingleton(new ServiceName(serviceName));
        builder.Services.TryAddSingleton<OutboxSignal>();
        builder.Services.AddOptions<OutboxRelayOptions>().BindConfiguration("Outbox");
        builder.Services.AddHostedService<OutboxRelay<TContext>>();

        builder.Services.AddMassTransit(x =>
        {
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            if (consumesTenantLifecycle)
            {
                x.AddConsumer<TenantOnboardedConsumer>();
                x.AddConsumer<TenantSuspendedConsumer>();
                x.AddConsumer<TenantReactivatedConsumer>();
                x.AddConsumer<MemberAddedConsumer>();
                x.AddConsumer<MemberRoleChangedConsumer>();
                x.AddConsumer<MemberSuspendedConsumer>();
                x.AddConsumer<MemberReactivatedConsumer>();
                x.AddConsumer<MemberRemovedConsumer>();
                x.AddConsumer<TenantDeletedConsumer>();
            }

            consumers?.Invoke(x);
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(new Uri(connectionString));
                cfg.UseMessageRetry(r => r.Intervals(200, 1000, 5000));
                cfg.UseConsumeFilter(typeof(TenantConsumeFilter<>), context);
                cfg.ConfigureEndpoints(context);
            });
        });
        return builder;
    }
}
