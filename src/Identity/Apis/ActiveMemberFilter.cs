using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Contracts;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Identity.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Identity.Apis;

/// <summary>
/// identity-api's own check that the caller's tenant and membership still hold: a suspended tenant's, a removed or
/// suspended member's, an ended guest's or a since-changed role's unexpired token is refused here as in every other
/// service (there by the tenancy middleware and its member directory). identity-api is the source, so it reads the
/// membership itself.
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
            var now = clock.GetUtcNow();
            var membership = await db.Memberships.AsNoTracking().FirstOrDefaultAsync(m => m.TenantId == tenantId && m.UserId == userId, cancellationToken);
            if (membership is null || !membership.IsActiveAt(now))
            {
                return Unauthorized(membership?.Status == MemberStatus.Suspended ? "Your membership of this tenant is suspended."
                    : membership?.AccessEndsAt <= now ? "Your guest access to this tenant has ended."
                    : "You are no longer a member of this tenant.");
            }

            if (int.TryParse(user.FindFirst(IsmsClaims.MembershipRevision)?.Value, out var revision) && revision != membership.Revision)
            {
                return Unauthorized("Your role in this tenant changed since this token was issued; sign in again.");
            }
        }

        return await next(context);
    }

    private static IResult Unauthorized(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail);
}
