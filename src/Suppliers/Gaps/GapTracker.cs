using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Suppliers.Infrastructure;
using IsmsCloud.Suppliers.Register;
using IsmsCloud.Suppliers.Settings;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Suppliers.Gaps;

/// <summary>
/// Announces a supplier's gap reasons when they change: after every save that touches a supplier (called before the
/// save, in it) and, for what time alone changes (a certificate running out, an interval ending), from the sweep.
/// </summary>
public static class GapTracker
{
    /// <summary>Re-evaluates <paramref name="suppliers"/> (certificates loaded) on <paramref name="day"/>; adds the events to the pending save.</summary>
    public static async Task<int> RefreshAsync(SupplierDbContext db, IReadOnlyCollection<Supplier> suppliers, ReassessmentIntervals intervals, DateOnly day, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = suppliers.Select(s => s.Id).ToList();
        var states = await db.GapStates.Where(g => ids.Contains(g.SupplierId)).ToDictionaryAsync(g => g.SupplierId, cancellationToken);
        var changed = 0;
        foreach (var supplier in suppliers)
        {
            var reasons = db.Entry(supplier).State == EntityState.Deleted ? [] : AssuranceGaps.ReasonsOf(supplier, intervals, day);
            var text = string.Join(",", reasons);
            if (!states.TryGetValue(supplier.Id, out var state))
            {
                if (reasons.Count == 0)
                {
                    continue;
                }

                state = new SupplierGapState { SupplierId = supplier.Id };
                db.GapStates.Add(state);
            }
            else if (state.Reasons == text)
            {
                continue;
            }

            state.Reasons = text;
            state.Revision++;
            state.EvaluatedOn = day;
            db.AddEvent(new SupplierAssuranceGapChanged(db.CurrentTenantId, supplier.Id, state.Revision, reasons.Select(r => r.ToString()).ToList(), day, now));
            changed++;
        }

        return changed;
    }

    public static async Task RefreshAsync(SupplierDbContext db, Supplier supplier, TimeProvider clock, CancellationToken cancellationToken) =>
        await RefreshAsync(db, [supplier], await SupplierSettings.IntervalsAsync(db, cancellationToken), clock.Today(), clock.GetUtcNow(), cancellationToken);
}

/// <summary>
/// What time does to gaps: every tenant's suppliers that could have a gap, or had one, are evaluated for today, in the
/// tenant's context, one save per tenant. "Today" comes from the injected clock.
/// </summary>
public sealed class GapSweep(IServiceScopeFactory scopes, TimeProvider clock, ILogger<GapSweep> logger)
{
    public async Task<int> RunAllTenantsAsync(CancellationToken cancellationToken)
    {
        List<Guid> tenants;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SupplierDbContext>();
            tenants = await db.KnownTenants.Where(t => t.Status == TenantStatus.Active).Select(t => t.TenantId).ToListAsync(cancellationToken);
        }

        var total = 0;
        foreach (var tenantId in tenants)
        {
            try
            {
                total += await RunTenantAsync(tenantId, cancellationToken);
            }
            catch (DbUpdateException ex)
            {
                // A concurrent save of the same supplier announced its own gap; the next run sees the rest.
                logger.LogInformation(ex, "Gap sweep for tenant {TenantId} met a concurrent change; retrying on the next run", tenantId);
            }
        }

        return total;
    }

    public async Task<int> RunTenantAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<SupplierDbContext>();
        var intervals = await SupplierSettings.IntervalsAsync(db, cancellationToken);
        var concerned = await db.Suppliers.Include(s => s.Certificates).Where(AssuranceGaps.Concerned).AsSplitQuery().ToListAsync(cancellationToken);
        var withState = db.GapStates.Where(g => g.Reasons != "").Select(g => g.SupplierId);
        // Suppliers that had a gap and are no longer concerned (ended, downgraded) must have it closed too.
        var formerly = await db.Suppliers.Include(s => s.Certificates).Where(s => withState.Contains(s.Id)).AsSplitQuery().ToListAsync(cancellationToken);
        var suppliers = concerned.Concat(formerly).DistinctBy(s => s.Id).ToList();
        var changed = await GapTracker.RefreshAsync(db, suppliers, intervals, clock.Today(), clock.GetUtcNow(), cancellationToken);
        if (changed > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Gap sweep for tenant {TenantId}: {Count} supplier(s) changed", tenantId, changed);
        }

        return changed;
    }
}

/// <summary>
/// Runs the gap sweep on a timer, in one replica at a time: two at once would evaluate the same suppliers, and the
/// gap states both change would fail in one of them after the work, or announce one change twice.
/// </summary>
public sealed class GapSweepJob(GapSweep sweep, SingleRunner runner, TimeProvider clock, Microsoft.Extensions.Options.IOptions<Files.SupplierOptions> options, ILogger<GapSweepJob> logger)
    : BackgroundService
{
    public const string Job = "supplier-gap-sweep";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.GapSweepInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await runner.TryRunAsync<SupplierDbContext>(Job, sweep.RunAllTenantsAsync, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Gap sweep failed; retrying on the next run");
            }
        }
    }
}
