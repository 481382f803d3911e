using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IsmsCloud.UnitTests.Messaging;

public sealed record NoteWritten(Guid TenantId, string Code) : Contracts.Events.ITenantEvent;

/// <summary>Applies NoteWritten by adding a note: so "applied once" is "one note".</summary>
public sealed class NoteWrittenConsumer(ServiceDbContext db, TimeProvider clock) : InboxConsumer<NoteWritten>(db, clock)
{
    protected override Task HandleAsync(NoteWritten message, CancellationToken cancellationToken)
    {
        ((NotesDbContext)Db).Notes.Add(new Note { Code = $"{message.Code}-{Guid.NewGuid():N}" });
        return Task.CompletedTask;
    }
}

/// <summary>
/// MassTransit's in-memory test harness over the SQLite test database, wired like a service: tenant filter on
/// consumers, the inbox consumer, the outbox relay.
/// </summary>
public sealed class MessagingHarness : IAsyncDisposable
{
    private readonly TestDb _db = new();

    /// <param name="consume">
    /// Whether the inbox consumer takes the published messages. The relay's own tests say no: a consumer saving on the
    /// one SQLite connection while the relay saves its batch opens a second transaction on it (SQLite has no nested
    /// transactions), which happened whenever the consumer was quick enough — one run in a few on a busy machine.
    /// </param>
    public MessagingHarness(bool consume = true)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<TenantContext>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        services.AddDbContext<NotesDbContext>(options => options.UseSqlite(_db.Connection).AddInterceptors(Commands));
        services.AddScoped<ServiceDbContext>(sp => sp.GetRequiredService<NotesDbContext>());
        services.AddMassTransitTestHarness(x =>
        {
            if (consume)
            {
                x.AddConsumer<NoteWrittenConsumer>();
            }

            x.UsingInMemory((context, cfg) =>
            {
                // One SQLite connection serves every context here, so messages are consumed one at a time; the
                // duplicates below arrive one after the other (concurrent duplicates end in a key violation and a retry).
                cfg.ConcurrentMessageLimit = 1;
                cfg.UseMessageRetry(r => r.Immediate(3));
                cfg.UseConsumeFilter(typeof(TenantConsumeFilter<>), context);
                cfg.ConfigureEndpoints(context);
            });
        });
        Services = services.BuildServiceProvider();
        Harness = Services.GetRequiredService<ITestHarness>();
        Relay = new OutboxRelay<NotesDbContext>(
            Services.GetRequiredService<IServiceScopeFactory>(),
            new OutboxSignal(),
            Options.Create(new OutboxRelayOptions()),
            TimeProvider.System,
            NullLogger<OutboxRelay<NotesDbContext>>.Instance);
    }

    /// <summary>Every command the relay's contexts ran, and whether telemetry was suppressed while it ran.</summary>
    public CommandProbe Commands { get; } = new();
    public ServiceProvider Services { get; }
    public ITestHarness Harness { get; }
    public OutboxRelay<NotesDbContext> Relay { get; }

    public NotesDbContext Context(Guid? tenantId) => _db.Context(tenantId);

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await Services.DisposeAsync();
        _db.Dispose();
    }
}

/// <summary>Records each command with whether OpenTelemetry would have recorded a span for it.</summary>
public sealed class CommandProbe : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
{
    public System.Collections.Concurrent.ConcurrentQueue<(string Sql, bool Suppressed)> Seen { get; } = new();

    public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
        System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
        Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Seen.Enqueue((command.CommandText, OpenTelemetry.Sdk.SuppressInstrumentation));
        return ValueTask.FromResult(result);
    }
}
