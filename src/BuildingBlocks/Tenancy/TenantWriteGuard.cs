using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.BuildingBlocks.Tenancy;

/// <summary>
/// Stamps new tenant-owned rows with the current tenant and refuses any write that would touch another tenant's row.
/// </summary>
internal static class TenantWriteGuard
{
    public static void Check(EntityState state, ITenantOwned entity, Guid? originalTenantId, ITenantContext tenant)
    {
        switch (state)
        {
            case EntityState.Added:
                var current = TenantContext.Require(tenant);
                if (entity.TenantId == Guid.Empty)
                {
                    entity.TenantId = current;
                }
                else if (entity.TenantId != current)
                {
                    throw new TenantMismatchException(
                        $"Refused to insert a {entity.GetType().Name} for tenant {entity.TenantId} while running for tenant {current}.");
                }

                break;
            case EntityState.Modified or EntityState.Deleted:
                var running = TenantContext.Require(tenant);
                if (entity.TenantId != running || (originalTenantId is { } original && original != running))
                {
                    throw new TenantMismatchException(
                        $"Refused to {(state == EntityState.Deleted ? "delete" : "update")} a {entity.GetType().Name} of another tenant.");
                }

                break;
        }
    }
}
