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
/// Publishes each tenant's chain head at the close of a UTC day (<see cref="AuditTrailHeadPublished"/>, through the
/// outbox like every event), once per tenant and day: the publication row and the event are saved together, and a
/// second instance racing for the same day fails on its key and publishes nothing.
/// </summary>
public sealed class AuditHeadPublisher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AuditHeadPublisher> logger)
{
    /// <summary>Yesterday's head for every known tenant that has a chain; returns how many were published.</summary>
    public async Task<int> PublishYesterdayAsync(CancellationToken cancellationToken)
    {
        List<Guid> tenants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            tenants = await scope.ServiceProvider.GetRequiredService<ServiceDbContext>().KnownTenants.AsNoTracking()
                .Select(t => t.TenantId).ToListAsync(cancellationToken);
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
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
        if (db.AuditServiceName is not { } service || await db.AuditHeadPublications.AnyAsync(p => p.Day == day, cancellationToken))
        {
            return null;
        }

        var end = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        // Entries are in time order (an entry is never earlier than the one before), so the day's last is the head then.
        var head = await db.AuditTrail.AsNoTracking().Where(e => e.OccurredAt < end).OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash, e.OccurredAt }).FirstOrDefaultAsync(cancellationToken);
        if (head is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var published = new AuditTrailHeadPublished(tenantId, service, day, head.Sequence, head.Hash, head.OccurredAt, now);
        db.AuditHeadPublications.Add(new AuditHeadPublication { Day = day, Sequence = head.Sequence, Hash = head.Hash, PublishedAt = now });
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
    public static IHostApplicationBuilder AddAuditTrail(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuditTrailOptions>().BindConfiguration("AuditTrail");
        builder.Services.AddSingleton<AuditHeadPublisher>();
        if (builder.Configuration.GetValue("AuditTrail:PublishHeads", true))
        {
            builder.Services.AddHostedService<AuditHeadPublisherJob>();
        }

        return builder;
    }
}
