using System.Security.Claims;
using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.Identity.Infrastructure;

namespace IsmsCloud.Identity.Apis;

/// <summary>
/// identity-api's chain for the audit-trail endpoints: its DbContext is not tenant-filtered, so the caller's tenant
/// (from the token, checked by <see cref="ActiveMemberFilter"/>) is applied here; a token without one sees nothing.
/// </summary>
public sealed class IdentityAuditChain(IdentityDbContext db, IHttpContextAccessor http) : IAuditChainSource
{
    public IQueryable<AuditEntry> Chain
    {
        get
        {
            var tenantId = http.HttpContext?.User.TenantId() ?? Guid.Empty;
            return db.Set<AuditEntry>().Where(e => e.TenantId == tenantId);
        }
    }

    public string Service => IdentityDbContext.AuditService;
}
