using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IsmsCloud.BuildingBlocks.Tenancy;

/// <summary>
/// Puts the token's tenant into the request's <see cref="TenantContext"/> and refuses the tokens of a suspended
/// tenant with 401, so a suspension takes effect before the tokens expire.
/// </summary>
public sealed class TenantMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, TenantContext tenant, TenantStatusCache statusCache)
    {
        var claim = context.User.FindFirst(IsmsClaims.TenantId)?.Value;
        if (context.User.Identity?.IsAuthenticated == true && claim is not null)
        {
            if (!Guid.TryParse(claim, out var tenantId) || tenantId == Guid.Empty)
            {
                await WriteUnauthorizedAsync(context, "The token's tenant_id is not a tenant id.");
                return;
            }

            var db = context.RequestServices.GetService<ServiceDbContext>();
            if (db is not null && await statusCache.IsSuspendedAsync(tenantId, db, context.RequestAborted))
            {
                await WriteUnauthorizedAsync(context, "This tenant is suspended.");
                return;
            }

            tenant.Set(tenantId);
        }

        await next(context);
    }

    private static Task WriteUnauthorizedAsync(HttpContext context, string detail)
    {
        context.Response.Headers.WWWAuthenticate = $"Bearer error=\"invalid_token\", error_description=\"{detail}\"";
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail)
            .ExecuteAsync(context);
    }
}
