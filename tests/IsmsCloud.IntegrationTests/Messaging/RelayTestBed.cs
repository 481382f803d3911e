using System.Collections.Concurrent;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IsmsCloud.IntegrationTests.Messaging;

/// <summary>
/// The relay and single-runner tests share the broker with every other test (and some of those stop it), so they run
/// on their own, after the parallel collections.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RelayCollection
{
    public const string Name = "outbox-relays";
}

public sealed record RelayTestEvent(Guid TenantId, int Sequence) : Contracts.Events.ITenantEvent;

/// <summary>What applying a <see cref="RelayTestEvent"/> leaves: one row per application, so "applied once" is "one row".</summary>
public sealed class AppliedRelayEvent : ITenantOwned
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid TenantId { get; set; }
    public int Sequence { get; init; }
}

public sealed class RelayTestDbContext(DbContextOptions<RelayTestDbContext> options, ITenantContext tenant) : ServiceDbContext(options, tenant)
{
    public DbSet<AppliedRelayEvent> Applied => Set<AppliedRelayEvent>();

    protected override void ConfigureModel(ModelBuilder modelBuilder) => modelBuilder.Entity<AppliedRelayEvent>();
}

/// <summary>A service's consumer: applies each event at most once, through the inbox.</summary>
public sealed class RelayTestEventApplier(ServiceDbContext db, TimeProvider clock) : InboxConsumer<RelayTestEvent>(db, clock)
{
    protected override Task HandleAsync(RelayTestEvent message, CancellationToken cancellationToken)
    {
        ((RelayTestDbContext)Db).Applied.Add(new AppliedRelayEvent { Sequence = message.Sequence });
        return Task.CompletedTask;
    }
}

/// <summary>Every delivery the broker made, duplicates included, in the order its queue delivered them (one at a time).</summary>
public sealed class DeliveryLog
{
    public ConcurrentQueue<(Guid MessageId, int Sequence)> Deliveries { get; } = new();
}

public sealed class RelayTestDeliveryRecorder(DeliveryLog log) : IConsumer<RelayTestEvent>
{
    public Task Consume(ConsumeContext<RelayTestEvent> context)
    {
        log.Deliveries.Enqueue((context.MessageId!.Value, context.Message.Sequence));
        return Task.CompletedTask;
    }
}

/// <summary>
/// One process of a service, as far as the outbox goes: its own DbContext registrations on the shared test database,
/// its own bus connection to the real RabbitMQ, and its own relay. With <c>consumerQueues</c> it also runs the
/// consumers: the recorder (every delivery) and the inbox applier, on auto-deleted queues of this test.
/// </summary>
public sealed class RelayInstance : IAsyncDisposable
{
    private RelayInstance(ServiceProvider services, int batchSize)
    {
        Services = services;
        Bus = services.GetRequiredService<IBusControl>();
        Relay = new OutboxRelay<RelayTestDbContext>(
            services.GetRequiredService<IServiceScopeFactory>(),
            new OutboxSignal(),
            Options.Create(new OutboxRelayOptions { BatchSize = batchSize }),
            TimeProvider.System,
            NullLogger<OutboxRelay<RelayTestDbContext>>.Instance);
    }

    public ServiceProvider Services { get; }
    public IBusControl Bus { get; }
    public OutboxRelay<RelayTestDbContext> Relay { get; }

    public static async Task<RelayInstance> StartAsync(
        string connectionString, int batchSize = 100, string? consumerQueues = null, DeliveryLog? log = null, IInterceptor? interceptor = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(log ?? new DeliveryLog());
        services.AddScoped<TenantContext>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        services.AddDbContext<RelayTestDbContext>(options =>
        {
            options.UseNpgsql(connectionString);
            if (interceptor is not null)
            {
                options.AddInterceptors(interceptor);
            }
        });
        services.AddScoped<ServiceDbContext>(sp => sp.GetRequiredService<RelayTestDbContext>());
        services.AddSingleton<SingleRunner>();
        services.AddMassTransit(x =>
        {
            if (consumerQueues is not null)
            {
                x.AddConsumer<RelayTestDeliveryRecorder>();
                x.AddConsumer<RelayTestEventApplier>();
            }

            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(new Uri(TestServers.RabbitMq));
                cfg.UseConsumeFilter(typeof(TenantConsumeFilter<>), context);
                if (consumerQueues is null)
                {
                    return;
                }

                cfg.ReceiveEndpoint($"{consumerQueues}-deliveries", e =>
                {
                    e.AutoDelete = true;
                    e.Durable = false;
                    // One at a time, so the log's order is the queue's order.
                    e.PrefetchCount = 1;
                    e.ConcurrentMessageLimit = 1;
                    e.ConfigureConsumer<RelayTestDeliveryRecorder>(context);
                });
                cfg.ReceiveEndpoint($"{consumerQueues}-applier", e =>
                {
                    e.AutoDelete = true;
                    e.Durable = false;
                    // As in the services: a concurrent duplicate fails on the inbox key and its retry finds the mark.
                    e.UseMessageRetry(r => r.Intervals(50, 200, 1000));
                    e.ConfigureConsumer<RelayTestEventApplier>(context);
                });
            });
        });

        var instance = new RelayInstance(services.BuildServiceProvider(), batchSize);
        await instance.Bus.StartAsync();
        // The queues must be bound before anything is published, or the exchange drops what it has nowhere to route.
        var health = await instance.Bus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
        if (health != BusHealthStatus.Healthy)
        {
            throw new InvalidOperationException($"The test bus did not become healthy: {health}");
        }

        return instance;
    }

    /// <summary>A context of the test itself (not of this instance's relay, whose interceptor it must not share).</summary>
    public static RelayTestDbContext Context(Guid? tenantId = null)
    {
        var tenant = new TenantContext();
        if (tenantId is { } id)
        {
            tenant.Set(id);
        }

        return new RelayTestDbContext(new DbContextOptionsBuilder<RelayTestDbContext>().UseNpgsql(RelayTestDatabase.ConnectionString).Options, tenant);
    }

    public async ValueTask DisposeAsync()
    {
        await Bus.StopAsync();
        await Services.DisposeAsync();
    }
}

/// <summary>The relay tests' database: dropped and created from the model for each test, so no test sees another's rows.</summary>
public static class RelayTestDatabase
{
    public const string Name = "isms_it_outbox_relays";

    public static string ConnectionString => $"{TestServers.Postgres};Database={Name}";

    public static async Task RecreateAsync()
    {
        // The previous test's idle pooled connections would be terminated by the drop and fail at their next use.
        using (var pooled = new Npgsql.NpgsqlConnection(ConnectionString))
        {
            Npgsql.NpgsqlConnection.ClearPool(pooled);
        }

        await TestServers.DropDatabasesAsync(Name);
        await using var db = RelayInstance.Context();
        await db.Database.EnsureCreatedAsync();
    }

    /// <summary>Writes <paramref name="count"/> outbox rows of one tenant, sequence numbers in the order they occurred.</summary>
    public static async Task WriteEventsAsync(Guid tenantId, int count, int firstSequence = 0)
    {
        await using var db = RelayInstance.Context(tenantId);
        var start = DateTime.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var sequence = firstSequence + i;
            // A millisecond apart: the order the relay must keep is unambiguous.
            db.OutboxMessages.Add(OutboxMessage.From(new RelayTestEvent(tenantId, sequence), start.AddMilliseconds(sequence)));
        }

        await db.SaveChangesAsync();
    }

    public static async Task<int> UnsentAsync()
    {
        await using var db = RelayInstance.Context();
        return await db.OutboxMessages.CountAsync(m => m.SentAtUtc == null);
    }

    public static async Task<List<int>> AppliedSequencesAsync(Guid tenantId)
    {
        await using var db = RelayInstance.Context(tenantId);
        return await db.Applied.Select(a => a.Sequence).ToListAsync();
    }
}
