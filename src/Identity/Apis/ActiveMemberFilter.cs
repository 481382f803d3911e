using IsmsCloud.BuildingBlocks.Members;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Identity.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Identity.Apis;

/// <summary>
/// identity-api's own check that the caller's tenant and membership still hold: a suspended tenant's, a removed or
/// suspended member's, an ended guest's or a since-changed role's unexpired token is refused here as in every other
/// service (there by the tenancy middleware and its member directory), by the same rule (<see cref="MemberAccess"/>).
/// identity-api is the source, so it reads the membership itself.
/// </summary>
public sealed class ActiveMemberFilter(IdentityDbContext db, TimeProvider clock) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var user = context.HttpContext.User;
        var cancellationToken = context.HttpContext.RequestAborted;
        if (user.TenantId() is not { } tenantId)
        {
            return await next(context);
        }

        if (!await db.Tenants.AnyAsync(t => t.Id == tenantId && t.Status == TenantStatus.Active, cancellationToken))
        {
            return Unauthorized("This tenant is suspended.");
        }

        // Integration clients have no membership (their subject is a client id); deleting the client ends them.
        if (user.UserId() is { } userId)
        {
            var membership = await db.Memberships.AsNoTracking().FirstOrDefaultAsync(m => m.TenantId == tenantId && m.UserId == userId, cancellationToken);
            // identity-api is the source: no row means no membership, where a service's directory would say "not heard yet".
            var refusal = membership is null
                ? "You are no longer a member of this tenant."
                : MemberAccess.Refusal(user, new MemberStanding(membership.Status, membership.Revision, membership.AccessEndsAt), clock.GetUtcNow());
            if (refusal is not null)
            {
                return Unauthorized(refusal);
            }
        }

        return await next(context);
    }

    private static IResult Unauthorized(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail);
}
