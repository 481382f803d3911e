using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Identity.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Identity.Apis;

/// <summary>
/// identity-api's own check that the caller's tenant is still active: a suspended tenant's unexpired token is
/// refused here as it is in every other service (there by the tenancy middleware).
/// </summary>
public sealed class ActiveTenantFilter(IdentityDbContext db) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.User.TenantId() is { } tenantId
            && !await db.Tenants.AnyAsync(t => t.Id == tenantId && t.Status == TenantStatus.Active, context.HttpContext.RequestAborted))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "This tenant is suspended.");
        }

        return await next(context);
    }
}
