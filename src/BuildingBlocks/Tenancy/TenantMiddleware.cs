using IsmsCloud.BuildingBlocks.Members;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IsmsCloud.BuildingBlocks.Tenancy;

/// <summary>
/// Puts the token's tenant into the request's <see cref="TenantContext"/> and refuses the tokens of a suspended
/// tenant, and of a removed, suspended or since-changed member (see <see cref="MemberAccess"/>), with 401, so a
/// suspension or removal takes effect before the tokens expire.
/// </summary>
public sealed class TenantMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, TenantContext tenant, TenantStatusCache statusCache, MemberAccessCache members, TimeProvider clock)
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

            // A person's token (an integration's subject is its client id, not a user id) must still be a member's.
            if (db is not null && Guid.TryParse(context.User.FindFirst(IsmsClaims.Subject)?.Value, out var userId)
                && MemberAccess.Refusal(context.User, await members.GetAsync(tenantId, userId, db, context.RequestAborted), clock.GetUtcNow()) is { } refusal)
            {
                await WriteUnauthorizedAsync(context, refusal);
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
