using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Identity.Infrastructure;
using IsmsCloud.Identity.Members;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace IsmsCloud.Identity.Tenants;

public sealed class TenantDeletionOptions
{
    /// <summary>How long a tenant scheduled for deletion stays (suspended, exportable, cancellable) before its data is erased.</summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromDays(30);
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Ends tenants whose grace period is over: identity-api erases what it keeps of the tenant (memberships,
/// invitations, integration clients, and the accounts of people who belonged to no other tenant) and publishes
/// TenantDeleted, on which every service erases its own part and answers with a receipt. One tenant per transaction.
/// </summary>
public sealed class TenantDeletionSweep(IServiceScopeFactory scopes, TimeProvider clock, ILogger<TenantDeletionSweep> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
            due = await db.Tenants.Where(t => t.DeletedAt == null && t.DeletionDueAt <= now).Select(t => t.Id).ToListAsync(cancellationToken);
        }

        foreach (var tenantId in due)
        {
            await using var scope = scopes.CreateAsyncScope();
            await EraseAsync(scope.ServiceProvider, tenantId, now, cancellationToken);
            logger.LogWarning("Tenant {TenantId} deleted after its grace period; every service was told to erase its data", tenantId);
        }

        return due.Count;
    }

    private static async Task EraseAsync(IServiceProvider services, Guid tenantId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<IdentityDbContext>();
        var applications = services.GetRequiredService<IOpenIddictApplicationManager>();
        var tokens = services.GetRequiredService<IOpenIddictTokenManager>();
        var authorizations = services.GetRequiredService<IOpenIddictAuthorizationManager>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var tenant = await db.Tenants.FirstAsync(t => t.Id == tenantId, cancellationToken);
        if (!tenant.IsDueForDeletion(now))
        {
            return;
        }

        foreach (var clientId in await db.IntegrationClients.Where(c => c.TenantId == tenantId).Select(c => c.ClientId).ToListAsync(cancellationToken))
        {
            if (await applications.FindByClientIdAsync(clientId, cancellationToken) is { } application)
            {
                await applications.DeleteAsync(application, cancellationToken);
            }
        }

        var memberIds = await db.Memberships.Where(m => m.TenantId == tenantId).Select(m => m.UserId).ToListAsync(cancellationToken);
        // People who belonged only to this tenant (and are not platform staff) have no reason to keep an account.
        var leavers = await db.Users
            .Where(u => memberIds.Contains(u.Id) && !u.IsPlatformAdmin && !db.Memberships.Any(m => m.UserId == u.Id && m.TenantId != tenantId))
            .Select(u => u.Id).ToListAsync(cancellationToken);
        foreach (var userId in leavers.Select(id => id.ToString()))
        {
            await tokens.RevokeBySubjectAsync(userId, cancellationToken);
            await authorizations.RevokeBySubjectAsync(userId, cancellationToken);
        }

        // identity-api's own chain of the tenant goes with the rest (the trail's guard allows exactly this tenant, here);
        // the deletion itself then starts a new chain of one entry.
        await AuditTrailErasure.PermitAsync(db, tenantId, cancellationToken);
        await db.Set<AuditEntry>().Where(e => e.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken);
        await AuditTrailErasure.EndAsync(db, cancellationToken);
        await db.IntegrationClients.Where(c => c.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken);
        await db.Invitations.Where(i => i.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken);
        await db.Memberships.Where(m => m.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken);
        await db.Users.Where(u => leavers.Contains(u.Id)).ExecuteDeleteAsync(cancellationToken);

        tenant.MarkDeleted(now);
        db.AddEvent(new TenantDeleted(tenantId, tenant.DeletionRequestedAt!.Value, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}

/// <summary>
/// Runs the deletion sweep on a timer (<c>TenantDeletion:SweepInterval</c>, 5 minutes by default), in one replica at a
/// time: two at once would erase the same tenant in two transactions, the second blocked on the first's deletes (holding
/// its connection) until it fails on the tenant's version — work done twice on the one job whose effect cannot be undone.
/// </summary>
public sealed class TenantDeletionJob(TenantDeletionSweep sweep, SingleRunner runner, TimeProvider clock, IOptions<TenantDeletionOptions> options, ILogger<TenantDeletionJob> logger)
    : BackgroundService
{
    public const string Job = "identity-tenant-deletion";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        do
        {
            try
            {
                await runner.TryRunAsync<IdentityDbContext>(Job, sweep.RunAsync, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Tenant deletion sweep failed; retrying on the next run");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>Keeps each service's receipt for a deleted tenant's erased data (the same service twice keeps the latest).</summary>
public sealed class TenantDataErasedConsumer(IdentityDbContext db) : IConsumer<TenantDataErased>
{
    public async Task Consume(ConsumeContext<TenantDataErased> context)
    {
        var message = context.Message;
        var receipt = await db.TenantErasureReceipts.FirstOrDefaultAsync(r => r.TenantId == message.TenantId && r.Service == message.Service, context.CancellationToken);
        if (receipt is null)
        {
            receipt = new TenantErasureReceipt { TenantId = message.TenantId, Service = message.Service };
            db.TenantErasureReceipts.Add(receipt);
        }

        receipt.Rows = message.Rows;
        receipt.ErasedAt = message.ErasedAt;
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
