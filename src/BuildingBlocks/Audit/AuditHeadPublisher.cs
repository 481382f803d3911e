using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.Contracts.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsmsCloud.BuildingBlocks.Audit;

public sealed class AuditTrailOptions
{
    /// <summary>How often the job looks for days whose head is not published yet.</summary>
    public TimeSpan HeadCheckInterval { get; set; } = TimeSpan.FromHours(1);
    public bool PublishHeads { get; set; } = true;
}

/// <summary>
/// Where the head publisher finds a service's tenants and their chains, and records a publication with its event. A
/// tenant API's is its <see cref="ServiceDbContext"/>; identity-api, whose DbContext is not tenant-filtered, has its own.
/// </summary>
public interface IAuditHeadSource
{
    /// <summary>The chain's name in the tenants' audit trail, or null when this service keeps none.</summary>
    string? Service { get; }

    /// <summary>The DbContext holding the chain, its publications and the outbox.</summary>
    DbContext Db { get; }

    /// <summary>Every tenant that may have a chain here.</summary>
    IQueryable<Guid> Tenants { get; }

    /// <summary>Makes the scope act for one tenant before its chain is read and written.</summary>
    void Enter(Guid tenantId);
}

internal sealed class ServiceDbContextHeadSource(ServiceDbContext db, TenantContext tenant) : IAuditHeadSource
{
    public string? Service => db.AuditServiceName;

    public DbContext Db => db;

    public IQueryable<Guid> Tenants => db.KnownTenants.AsNoTracking().Select(t => t.TenantId);

    public void Enter(Guid tenantId) => tenant.Set(tenantId);
}

/// <summary>
/// Publishes each tenant's chain head at the close of a UTC day (<see cref="AuditTrailHeadPublished"/>, through the
/// outbox like every event), once per tenant and day: the publication row and the event are saved together, and a
/// second instance racing for the same day fails on its key and publishes nothing. Every query names the tenant
/// itself, so it holds whether or not the source's DbContext filters by tenant.
/// </summary>
public sealed class AuditHeadPublisher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AuditHeadPublisher> logger)
{
    /// <summary>Yesterday's head for every known tenant that has a chain; returns how many were published.</summary>
    public async Task<int> PublishYesterdayAsync(CancellationToken cancellationToken)
    {
        List<Guid> tenants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            tenants = await scope.ServiceProvider.GetRequiredService<IAuditHeadSource>().Tenants.ToListAsync(cancellationToken);
        }

        var day = clock.Today().AddDays(-1);
        var published = 0;
        foreach (var tenantId in tenants)
        {
            try
            {
                published += await PublishAsync(tenantId, day, cancellationToken) is null ? 0 : 1;
            }
            catch (DbUpdateException ex) when (PersistenceExceptionHandler.IsUniqueViolation(ex.InnerException))
            {
                // Another instance published this day at the same moment.
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Publishing the audit head of tenant {TenantId} for {Day} failed; the next run tries again", tenantId, day);
            }
        }

        return published;
    }

    /// <summary>
    /// The head as of the end of <paramref name="day"/> (UTC) for one tenant, published unless that day's already was
    /// or the chain was still empty then. Returns the event, or null when nothing was published.
    /// </summary>
    public async Task<AuditTrailHeadPublished?> PublishAsync(Guid tenantId, DateOnly day, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var source = scope.ServiceProvider.GetRequiredService<IAuditHeadSource>();
        source.Enter(tenantId);
        var db = source.Db;
        var publications = db.Set<AuditHeadPublication>();
        if (source.Service is not { } service
            || await publications.AnyAsync(p => p.TenantId == tenantId && p.Day == day, cancellationToken))
        {
            return null;
        }

        var end = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        // Entries are in time order (an entry is never earlier than the one before), so the day's last is the head then.
        var head = await db.Set<AuditEntry>().AsNoTracking().Where(e => e.TenantId == tenantId && e.OccurredAt < end)
            .OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash, e.OccurredAt }).FirstOrDefaultAsync(cancellationToken);
        if (head is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var published = new AuditTrailHeadPublished(tenantId, service, day, head.Sequence, head.Hash, head.OccurredAt, now);
        publications.Add(new AuditHeadPublication { TenantId = tenantId, Day = day, Sequence = head.Sequence, Hash = head.Hash, PublishedAt = now });
        db.AddEvent(published);
        await db.SaveChangesAsync(cancellationToken);
        return published;
    }
}

internal sealed class AuditHeadPublisherJob(AuditHeadPublisher publisher, IOptions<AuditTrailOptions> options, TimeProvider clock, ILogger<AuditHeadPublisherJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await publisher.PublishYesterdayAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "The audit head job failed; it runs again in {Interval}", options.Value.HeadCheckInterval);
            }

            try
            {
                await Task.Delay(options.Value.HeadCheckInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

public static class AuditTrailExtensions
{
    /// <summary>
    /// The daily head publication of a service whose DbContext has audited records (<c>AuditTrail:</c> options). The
    /// chain itself needs nothing registered: <see cref="ServiceDbContext"/> appends on every save.
    /// </summary>
    public static IHostApplicationBuilder AddAuditTrail(this IHostApplicationBuilder builder) =>
        builder.AddAuditTrail<ServiceDbContextHeadSource>();

    /// <summary>The daily head publication of a service whose chain lives in a DbContext of its own kind.</summary>
    public static IHostApplicationBuilder AddAuditTrail<TSource>(this IHostApplicationBuilder builder)
        where TSource : class, IAuditHeadSource
    {
        builder.Services.AddScoped<IAuditHeadSource, TSource>();
        builder.Services.AddOptions<AuditTrailOptions>().BindConfiguration("AuditTrail");
        builder.Services.AddSingleton<AuditHeadPublisher>();
        if (builder.Configuration.GetValue("AuditTrail:PublishHeads", true))
        {
            builder.Services.AddHostedService<AuditHeadPublisherJob>();
        }

        return builder;
    }
}
