using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Risk.Acceptance;
using IsmsCloud.Risk.Exceptions;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Risk.Reviews;
using IsmsCloud.Risk.Risks;
using IsmsCloud.Risk.Settings;
using IsmsCloud.Risk.Soa;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.Scheduling;

public sealed record SweepResult(int AcceptancesExpired, int ExceptionsExpired);

/// <summary>
/// What time does to the register (rules 3 and 6): acceptances past their last day expire and reopen their risks;
/// approved exceptions past theirs expire and flag their risks for reassessment. "Today" comes from the injected
/// clock, so tests move time instead of waiting. Runs per tenant, in that tenant's context, one save per tenant.
/// </summary>
public sealed class ExpirySweep(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ExpirySweep> logger)
{
    public async Task<SweepResult> RunAllTenantsAsync(CancellationToken cancellationToken)
    {
        var tenants = await ActiveTenantsAsync(cancellationToken);

        var total = new SweepResult(0, 0);
        foreach (var tenantId in tenants)
        {
            try
            {
                var result = await RunTenantAsync(tenantId, cancellationToken);
                total = new SweepResult(total.AcceptancesExpired + result.AcceptancesExpired, total.ExceptionsExpired + result.ExceptionsExpired);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone changed a record at the same moment; the next run picks it up.
                logger.LogInformation("Expiry sweep for tenant {TenantId} met a concurrent change; retrying on the next run", tenantId);
            }
        }

        return total;
    }

    /// <summary>
    /// Tenants onboarded before risk-api seeded the SoA (or while seeding failed) get the Annex A catalogue at start-up,
    /// one tenant per save, in that tenant's context. Returns how many tenants were seeded.
    /// </summary>
    public async Task<int> SeedMissingSoasAsync(CancellationToken cancellationToken)
    {
        var tenants = await ActiveTenantsAsync(cancellationToken);

        var seeded = 0;
        foreach (var tenantId in tenants)
        {
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
            var db = scope.ServiceProvider.GetRequiredService<RiskDbContext>();
            if (await ActivatorUtilities.CreateInstance<SoaSeeding>(scope.ServiceProvider).SeedIfMissingAsync(cancellationToken))
            {
                await db.SaveChangesAsync(cancellationToken);
                seeded++;
            }
        }

        if (seeded > 0)
        {
            logger.LogInformation("Seeded the Annex A Statement of Applicability for {Count} tenant(s) that had none", seeded);
        }

        return seeded;
    }

    private async Task<List<Guid>> ActiveTenantsAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RiskDbContext>();
        return await db.KnownTenants.Where(t => t.Status == TenantStatus.Active).Select(t => t.TenantId).ToListAsync(cancellationToken);
    }

    public async Task<SweepResult> RunTenantAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<RiskDbContext>();
        var settings = await RiskSettings.LoadAsync(db, cancellationToken);
        var now = clock.GetUtcNow();
        var today = clock.Today();

        var acceptances = await db.Acceptances.Where(RiskAcceptance.DueToExpire.On(today)).ToListAsync(cancellationToken);
        // Their risks in one query (with all their acceptances, for the status); tracked instances are shared.
        var riskIds = acceptances.Select(a => a.RiskId).Distinct().ToList();
        var risks = await db.Risks.Include(r => r.Acceptances).Where(r => riskIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        foreach (var acceptance in acceptances)
        {
            var risk = risks[acceptance.RiskId];
            acceptance.Expire(now);
            risk.Reopen(now);
            risk.RefreshStatus(settings.RiskAppetite, today);
            await ReviewTasks.OpenAsync(db, ReviewSubject.Risk, risk.Id, $"Acceptance expired on {acceptance.ExpiresOn:yyyy-MM-dd}: decide the treatment again", now, cancellationToken);
            db.AddEvent(RiskEvents.AcceptanceExpired(risk, acceptance, db.CurrentTenantId));
            db.AddEvent(RiskEvents.Assessed(risk, db, isNew: false, settings));
        }

        var exceptions = await db.ControlExceptions.Where(ControlException.DueToExpire.On(today)).ToListAsync(cancellationToken);
        foreach (var exception in exceptions)
        {
            exception.Expire(now);
            await ReviewTasks.OpenAsync(db, ReviewSubject.Risk, exception.RiskId, $"Control exception expired on {exception.ExpiresOn:yyyy-MM-dd}: reassess the risk", now, cancellationToken);
            db.AddEvent(await ExceptionEvents.CreateAsync(db, exception, ExceptionEventKind.Expired, today, now, cancellationToken));
        }

        if (acceptances.Count + exceptions.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Expiry sweep for tenant {TenantId}: {Acceptances} acceptance(s) and {Exceptions} exception(s) expired",
                tenantId, acceptances.Count, exceptions.Count);
        }

        return new SweepResult(acceptances.Count, exceptions.Count);
    }
}

public sealed class ExpirySweepOptions
{
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Runs the sweep on a timer (every 5 minutes by default; <c>Scheduling:Interval</c>), in one replica at a time: two
/// sweeps at once would load the same records, and all but one would fail on their versions after doing the work.
/// </summary>
public sealed class ExpirySweepJob(ExpirySweep sweep, SingleRunner runner, TimeProvider clock, Microsoft.Extensions.Options.IOptions<ExpirySweepOptions> options, ILogger<ExpirySweepJob> logger)
    : BackgroundService
{
    public const string SweepJob = "risk-expiry-sweep";
    public const string SeedingJob = "risk-soa-seeding";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Replicas starting together would each seed the same tenants and fail on the controls' keys.
            await runner.TryRunAsync<RiskDbContext>(SeedingJob, sweep.SeedMissingSoasAsync, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Seeding missing Statements of Applicability failed; it is tried again at the next start");
        }

        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try
            {
                await runner.TryRunAsync<RiskDbContext>(SweepJob, sweep.RunAllTenantsAsync, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed run (database briefly away) must not stop the job; the next tick tries again.
                logger.LogWarning(ex, "Expiry sweep failed; retrying on the next run");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
