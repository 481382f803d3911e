using IsmsCloud.BuildingBlocks.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace IsmsCloud.BuildingBlocks.TenantData;

public static class TenantDataApi
{
    /// <summary>
    /// <c>GET {prefix}/admin/tenants/{tenantId}/export</c>: the service's part of a tenant's export, for platform admins
    /// (the workspace's admin page puts every service's part into one ZIP).
    /// </summary>
    public static IEndpointRouteBuilder MapTenantDataExport(this IEndpointRouteBuilder app, string prefix)
    {
        app.MapGet($"{prefix.TrimEnd('/')}/admin/tenants/{{tenantId:guid}}/export", ExportAsync)
            .RequireAuthorization(IsmsPolicies.PlatformAdmin)
            .WithTags("Platform admin")
            .WithName("ExportTenantData")
            .WithSummary("Every record this service keeps of the tenant, each table as JSON lines and CSV, in one ZIP.");
        return app;
    }

    public static async Task<Results<FileStreamHttpResult, NotFound>> ExportAsync(
        Guid tenantId, ServiceDbContext db, ServiceName service, CancellationToken cancellationToken)
    {
        if (!await db.KnownTenants.AsNoTracking().AnyAsync(t => t.TenantId == tenantId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        return await TenantDataExport.DownloadAsync(db, service.Value, tenantId, cancellationToken);
    }
}
