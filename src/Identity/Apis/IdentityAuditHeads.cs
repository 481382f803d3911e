using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.Identity.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Identity.Apis;

/// <summary>
/// identity-api's chains for the daily head publication: one per tenant that is not deleted (a deleted tenant's chain
/// is erased with it). The publisher names the tenant in every query, since this DbContext is not tenant-filtered.
/// </summary>
public sealed class IdentityAuditHeads(IdentityDbContext db) : IAuditHeadSource
{
    public string? Service => IdentityDbContext.AuditService;

    public DbContext Db => db;

    public IQueryable<Guid> Tenants => db.Tenants.AsNoTracking().Where(t => t.DeletedAt == null).Select(t => t.Id);

    public void Enter(Guid tenantId)
    {
        // Nothing to set: identity-api has no ambient tenant.
    }
}
