using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Risk.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.History;

/// <summary>
/// Moves the history kept before the audit chain into it, once, at start-up (after the migrations, before requests
/// and consumers start): per tenant, in one transaction, every old change record is appended in the order it was
/// written (its time and actor as recorded) and deleted. A crash leaves a tenant's rows either all chained or all
/// waiting; two instances starting together queue on the chain's lock, and the second finds nothing left. Done here
/// and not in the migration because the entries' hashes need the RFC 8785 canonicaliser, which SQL does not have.
/// </summary>
public sealed class LegacyHistoryChaining(IServiceScopeFactory scopes, ILogger<LegacyHistoryChaining> logger) : IHostedService
{
    private const int Batch = 1000;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        List<Guid> tenants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            tenants = await scope.ServiceProvider.GetRequiredService<RiskDbContext>().LegacyChangeRecords
                .Select(c => c.TenantId).Distinct().ToListAsync(cancellationToken);
        }

        foreach (var tenantId in tenants)
        {
            var chained = await ChainTenantAsync(tenantId, cancellationToken);
            logger.LogInformation("Chained {Count} change records of tenant {TenantId} into its audit trail", chained, tenantId);
        }
    }

    public async Task<int> ChainTenantAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<RiskDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The chain's lock first: a second instance waits here, then finds the rows already moved.
        await AuditChain.LockAsync(db, RiskDbContext.AuditService, tenantId, cancellationToken);
        var total = 0;
        while (true)
        {
            var rows = await db.LegacyChangeRecords.Where(c => c.TenantId == tenantId).OrderBy(c => c.Id).Take(Batch).ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                break;
            }

            await AuditChain.AppendImportedAsync(db, RiskDbContext.AuditService, tenantId, rows.Select(Imported), cancellationToken);
            db.LegacyChangeRecords.RemoveRange(rows);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            total += rows.Count;
        }

        await transaction.CommitAsync(cancellationToken);
        return total;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The old row as a chain entry: its own time and actor (the e-mail key it recorded), its changes canonicalised.</summary>
    public static (AuditedChange, AuditActor, DateTimeOffset) Imported(LegacyChangeRecord row) => (
        new AuditedChange(row.RecordType, row.RecordId, row.Kind switch
        {
            ChangeKind.Created => AuditAction.Created,
            ChangeKind.Deleted => AuditAction.Deleted,
            _ => AuditAction.Updated,
        }, JsonCanonicalizer.Canonicalize(row.Changes)),
        new AuditActor(row.ChangedBy, null),
        row.ChangedAt);
}
