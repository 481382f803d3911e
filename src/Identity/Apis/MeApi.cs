using System.Security.Claims;
using IsmsCloud.Contracts;
using IsmsCloud.Identity.Connect;
using IsmsCloud.Identity.Infrastructure;
using IsmsCloud.Identity.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace IsmsCloud.Identity.Apis;

/// <summary>Who the caller is, in which tenant, and which other tenants they can switch to.</summary>
public static class MeApi
{
    public static IEndpointRouteBuilder MapMeApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("api/identity").WithTags("Me").RequireAuthorization(IdentityPolicies.SignedIn).AddEndpointFilter<ActiveMemberFilter>()
            .MapGet("me", GetMe).WithName("GetMe").WithSummary("The signed-in user, the tenant of this token, the role held there and all memberships.");
        return app;
    }

    public static async Task<Results<Ok<MeDto>, NotFound>> GetMe(
        ClaimsPrincipal principal, UserManager<ApplicationUser> users, IdentityDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        // Integration clients have no user behind them.
        var user = principal.UserId() is { } userId ? await users.FindByIdAsync(userId.ToString()) : null;
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        var memberships = await ConnectEndpoints.ActiveMembershipsAsync(db, user.Id, clock.GetUtcNow(), cancellationToken);
        return TypedResults.Ok(new MeDto(
            user.Id,
            user.Email ?? "",
            user.DisplayName,
            principal.TenantId(),
            principal.FindFirst(IsmsClaims.TenantName)?.Value,
            principal.FindFirst(IsmsClaims.TenantSlug)?.Value,
            principal.FindAll(IsmsClaims.Role).Select(c => c.Value).ToList(),
            user.IsPlatformAdmin,
            memberships.Select(m => new MembershipDto(m.Tenant.Id, m.Tenant.Name, m.Tenant.Slug, m.Role)).ToList()));
    }
}
