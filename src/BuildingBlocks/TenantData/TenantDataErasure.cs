using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace IsmsCloud.BuildingBlocks.TenantData;

/// <summary>
/// Deletes every row a service keeps for one tenant (every table of <see cref="TenantTables"/>, dependents first),
/// in one transaction the caller owns. The service's <see cref="KnownTenant"/> row stays as a tombstone (suspended,
/// name and slug cleared) so a token of the deleted tenant can never be mistaken for one of a tenant not heard of yet.
/// </summary>
public static class TenantDataErasure
{
    public static async Task<int> EraseAsync(ServiceDbContext db, Guid tenantId, CancellationToken cancellationToken)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var tombstone = db.Model.FindEntityType(typeof(KnownTenant))!.GetTableName();
        var rows = 0;
        // The audit trail refuses deletes, except of the tenant named here as the one being erased (decision 0013).
        await AuditTrailErasure.PermitAsync(db, tenantId, cancellationToken);
        foreach (var table in TenantTables.Of(db).Where(t => t.Name != tombstone))
        {
            // Table and column names come from the model, never from input; the tenant id is a parameter.
            var delete = $"DELETE FROM {table.Delimited(sql)} WHERE {sql.DelimitIdentifier(TenantTables.TenantColumn)} = {{0}}";
            rows += await db.Database.ExecuteSqlRawAsync(delete, [tenantId], cancellationToken);
        }

        await AuditTrailErasure.EndAsync(db, cancellationToken);
        await db.KnownTenants.IgnoreQueryFilters().Where(t => t.TenantId == tenantId)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.Status, TenantStatus.Suspended).SetProperty(t => t.Name, "").SetProperty(t => t.Slug, ""), cancellationToken);
        return rows;
    }
}
