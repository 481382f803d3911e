using System.Security.Claims;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Contracts;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Identity.Apis;
using IsmsCloud.Identity.Infrastructure;
using IsmsCloud.Identity.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Identity.Members;

/// <summary>
/// A tenant's members and invitations. Every query is scoped to the caller's tenant (identity's DbContext is not
/// tenant-filtered): another tenant's member or invitation answers 404. Members read the member list (owner pickers
/// need it); only tenant admins change it.
/// </summary>
public static class MembersApi
{
    public static IEndpointRouteBuilder MapMembersApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("api/identity/members").WithTags("Members").RequireAuthorization(IdentityPolicies.TenantMember)
            .AddEndpointFilter<ActiveMemberFilter>();
        read.MapGet("", ListMembers).WithName("ListMembers")
            .WithSummary("Lists the tenant's members. Admins see every status (removed ones with status=Removed); others see active members.");

        var admin = app.MapGroup("api/identity").WithTags("Members").RequireAuthorization(IdentityPolicies.TenantAdmin)
            .AddEndpointFilter<ActiveMemberFilter>();
        admin.MapGet("members/{userId:guid}", GetMember).WithName("GetMember").WithSummary("Gets one member.");
        admin.MapPut("members/{userId:guid}", ChangeMember).WithName("ChangeMember")
            .WithSummary("Changes a member's role (and a guest's end of access). The tenant always keeps an active TenantAdmin.");
        admin.MapPost("members/{userId:guid}/suspend", SuspendMember).WithName("SuspendMember").WithSummary("Suspends a member: their tokens stop working everywhere.");
        admin.MapPost("members/{userId:guid}/reactivate", ReactivateMember).WithName("ReactivateMember").WithSummary("Lets a suspended member in again.");
        admin.MapDelete("members/{userId:guid}", RemoveMember).WithName("RemoveMember").WithSummary("Removes a member: their tokens stop working everywhere.");
        admin.MapGet("invitations", ListInvitations).WithName("ListInvitations").WithSummary("Lists invitations, newest first (pending ones unless a status is given).");
        admin.MapPost("invitations", Invite).WithName("InviteMember").WithSummary("Invites a person by e-mail to a role; the one-time link is valid for 7 days.");
        admin.MapPost("invitations/{id:guid}/resend", Resend).WithName("ResendInvitation").WithSummary("Sends a new link (the old one stops working) valid for another 7 days.");
        admin.MapDelete("invitations/{id:guid}", Revoke).WithName("RevokeInvitation").WithSummary("Revokes a pending invitation: its link stops working.");
        return app;
    }

    public static async Task<Results<Ok<PagedResult<MemberDto>>, ValidationProblem>> ListMembers(
        ClaimsPrincipal caller, IdentityDbContext db, TimeProvider clock, [AsParameters] PageRequest paging, CancellationToken cancellationToken,
        string? search = null, string? role = null, MemberStatus? status = null)
    {
        var errors = paging.Validate(search);
        if (role is not null && !IsmsRoles.IsTenantRole(role))
        {
            errors["role"] = [$"Choose one of: {string.Join(", ", IsmsRoles.TenantRoles)}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var tenantId = caller.TenantId();
        var query = from m in db.Memberships.AsNoTracking()
                    join u in db.Users.AsNoTracking() on m.UserId equals u.Id
                    where m.TenantId == tenantId
                    select new { m, u };
        if (!caller.IsInRole(IsmsRoles.TenantAdmin))
        {
            status = MemberStatus.Active;
        }

        query = status is { } wanted ? query.Where(x => x.m.Status == wanted) : query.Where(x => x.m.Status != MemberStatus.Removed);
        if (role is not null)
        {
            query = query.Where(x => x.m.Role == role);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            query = query.Where(x => x.u.Email!.ToLower().Contains(term) || x.u.DisplayName.ToLower().Contains(term));
        }

        var page = await query.OrderBy(x => x.u.DisplayName).ThenBy(x => x.u.Email)
            .ToPageAsync(paging, rows => rows.Select(x => new { x.m, x.u.Email, x.u.DisplayName }), cancellationToken);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(page.Select(x => ToDto(x.m, x.Email, x.DisplayName, now)));
    }

    public static async Task<Results<Ok<MemberDto>, NotFound>> GetMember(
        Guid userId, ClaimsPrincipal caller, IdentityDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var found = await FindAsync(db, caller, userId, cancellationToken);
        return found is null ? TypedResults.NotFound() : TypedResults.Ok(ToDto(found.Value.Membership, found.Value.User, clock.GetUtcNow()));
    }

    public static async Task<Results<Ok<MemberDto>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeMember(
        Guid userId, ChangeMemberRequest request, ClaimsPrincipal caller, IdentityDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var errors = MemberAccessRules.Validate(request.Role, request.AccessEndsAt, now);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var found = await FindAsync(db, caller, userId, cancellationToken);
        if (found is not { } member)
        {
            return TypedResults.NotFound();
        }

        var (membership, user) = member;
        if (membership.Role == request.Role && membership.AccessEndsAt == request.AccessEndsAt)
        {
            return TypedResults.Ok(ToDto(membership, user, now));
        }

        if (request.Role != IsmsRoles.TenantAdmin && await IsLastActiveAdminAsync(db, membership, now, cancellationToken))
        {
            return LastAdmin("demoted");
        }

        membership.ChangeAccess(request.Role, request.AccessEndsAt, now);
        db.AddEvent(MemberEvents.RoleChanged(membership, user));
        await SaveSerialisedAsync(db, membership.TenantId, cancellationToken);
        return TypedResults.Ok(ToDto(membership, user, now));
    }

    public static async Task<Results<Ok<MemberDto>, NotFound, ProblemHttpResult>> SuspendMember(
        Guid userId, ClaimsPrincipal caller, IdentityDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (await FindAsync(db, caller, userId, cancellationToken) is not var (membership, user))
        {
            return TypedResults.NotFound();
        }

        if (membership.Status == MemberStatus.Suspended)
        {
            return TypedResults.Ok(ToDto(membership, user, now));
        }

        if (await IsLastActiveAdminAsync(db, membership, now, cancellationToken))
        {
            return LastAdmin("suspended");
        }

        membership.Suspend(now);
        db.AddEvent(MemberEvents.Suspended(membership, user));
        await SaveSerialisedAsync(db, membership.TenantId, cancellationToken);
        return TypedResults.Ok(ToDto(membership, user, now));
    }

    public static async Task<Results<Ok<MemberDto>, NotFound>> ReactivateMember(
        Guid userId, ClaimsPrincipal caller, IdentityDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (await FindAsync(db, caller, userId, cancellationToken) is not var (membership, user))
        {
            return TypedResults.NotFound();
        }

        if (membership.Status == MemberStatus.Suspended)
        {
            membership.Reactivate(now);
            db.AddEvent(MemberEvents.Reactivated(membership, user));
            await SaveSerialisedAsync(db, membership.TenantId, cancellationToken);
        }

        return TypedResults.Ok(ToDto(membership, user, now));
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> RemoveMember(
        Guid userId, ClaimsPrincipal caller, IdentityDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (await FindAsync(db, caller, userId, cancellationToken) is not var (membership, user))
        {
            return TypedResults.NotFound();
        }

        if (await IsLastActiveAdminAsync(db, membership, now, cancellationToken))
        {
            return LastAdmin("removed");
        }

        membership.Remove(now);
        db.AddEvent(MemberEvents.Removed(membership, user));
        await SaveSerialisedAsync(db, membership.TenantId, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<PagedResult<InvitationDto>>, ValidationProblem>> ListInvitations(
        ClaimsPrincipal caller, IdentityDbContext db, TimeProvider clock, [AsParameters] PageRequest paging, CancellationToken cancellationToken,
        InvitationStatus status = InvitationStatus.Pending)
    {
        var errors = paging.Validate();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow();
        var tenantId = caller.TenantId();
        var query = db.Invitations.AsNoTracking().Where(i => i.TenantId == tenantId);
        query = status switch
        {
            InvitationStatus.Accepted => query.Where(i => i.AcceptedAt != null),
            InvitationStatus.Revoked => query.Where(i => i.AcceptedAt == null && i.RevokedAt != null),
            InvitationStatus.Expired => query.Where(i => i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt <= now),
            _ => query.Where(i => i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now),
        };
        var page = await query.OrderByDescending(i => i.SentAt).ToPageAsync(paging, cancellationToken);
        return TypedResults.Ok(page.Select(i => InvitationDto.From(i, now)));
    }

    public static async Task<Results<Created<SentInvitationDto>, ValidationProblem>> Invite(
        InviteMemberRequest request, ClaimsPrincipal caller, IdentityDbContext db, Invitations invitations, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var errors = MemberAccessRules.Validate(request.Role, request.AccessEndsAt, now);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var tenantId = caller.TenantId()!.Value;
        var email = request.Email.Trim().ToLowerInvariant();
        var alreadyMember = await (from m in db.Memberships
                                   join u in db.Users on m.UserId equals u.Id
                                   where m.TenantId == tenantId && u.NormalizedEmail == email.ToUpperInvariant() && m.Status != MemberStatus.Removed
                                   select m.Id).AnyAsync(cancellationToken);
        if (alreadyMember)
        {
            return EmailProblem("This person is already a member of the tenant; change their role instead.");
        }

        if (await db.Invitations.AnyAsync(i => i.TenantId == tenantId && i.Email == email && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now, cancellationToken))
        {
            return EmailProblem("An invitation to this address is pending; re-send it instead.");
        }

        var (invitation, token) = Invitation.Create(tenantId, email, request.Role, request.AccessEndsAt, caller.UserId() ?? Guid.Empty, now);
        db.Invitations.Add(invitation);
        await SaveSerialisedAsync(db, tenantId, cancellationToken);
        var link = invitations.Link(invitation, token, caller.FindFirst(IsmsClaims.TenantSlug)?.Value ?? "");
        return TypedResults.Created($"/api/identity/invitations/{invitation.Id}", new SentInvitationDto(InvitationDto.From(invitation, now), link));
    }

    public static async Task<Results<Ok<SentInvitationDto>, NotFound, ProblemHttpResult>> Resend(
        Guid id, ClaimsPrincipal caller, IdentityDbContext db, Invitations invitations, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var tenantId = caller.TenantId();
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.Id == id && i.TenantId == tenantId, cancellationToken);
        if (invitation is null)
        {
            return TypedResults.NotFound();
        }

        // An expired invitation may be re-sent (that is what re-sending is for); a used or revoked one may not.
        if (invitation.StatusAt(now) is InvitationStatus.Accepted or InvitationStatus.Revoked)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                detail: "This invitation was already accepted or revoked; send a new one.");
        }

        var token = invitation.Resend(now);
        await db.SaveChangesAsync(cancellationToken);
        var link = invitations.Link(invitation, token, caller.FindFirst(IsmsClaims.TenantSlug)?.Value ?? "");
        return TypedResults.Ok(new SentInvitationDto(InvitationDto.From(invitation, now), link));
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Revoke(
        Guid id, ClaimsPrincipal caller, IdentityDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var tenantId = caller.TenantId();
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.Id == id && i.TenantId == tenantId, cancellationToken);
        if (invitation is null)
        {
            return TypedResults.NotFound();
        }

        if (invitation.StatusAt(now) == InvitationStatus.Accepted)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                detail: "This invitation was already accepted; remove the member instead.");
        }

        if (invitation.RevokedAt is null)
        {
            invitation.Revoke(now);
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.NoContent();
    }

    private static async Task<(Membership Membership, ApplicationUser User)?> FindAsync(
        IdentityDbContext db, ClaimsPrincipal caller, Guid userId, CancellationToken cancellationToken)
    {
        var tenantId = caller.TenantId();
        var membership = await db.Memberships.FirstOrDefaultAsync(
            m => m.TenantId == tenantId && m.UserId == userId && m.Status != MemberStatus.Removed, cancellationToken);
        var user = membership is null ? null : await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        return membership is null || user is null ? null : (membership, user);
    }

    /// <summary>Whether <paramref name="membership"/> is the tenant's only active TenantAdmin.</summary>
    private static async Task<bool> IsLastActiveAdminAsync(IdentityDbContext db, Membership membership, DateTimeOffset now, CancellationToken cancellationToken) =>
        membership.IsActiveAdminAt(now)
        && !await db.Memberships.Where(Membership.Active.On(now))
            .AnyAsync(m => m.TenantId == membership.TenantId && m.Id != membership.Id && m.Role == IsmsRoles.TenantAdmin, cancellationToken);

    /// <summary>
    /// Saves with the tenant's version moved on, so two admins changing members of one tenant at the same moment
    /// cannot both pass the last-admin check (demoting each other): the second save finds the version taken, 409.
    /// </summary>
    private static async Task SaveSerialisedAsync(IdentityDbContext db, Guid tenantId, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.FirstAsync(t => t.Id == tenantId, cancellationToken);
        db.Entry(tenant).Property(t => t.Version).IsModified = true;
        await db.SaveChangesAsync(cancellationToken);
    }

    private static ProblemHttpResult LastAdmin(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The tenant's last administrator",
            detail: $"This member is the tenant's only active TenantAdmin and cannot be {what}: make another member TenantAdmin first.");

    private static ValidationProblem EmailProblem(string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["email"] = [message] });

    private static MemberDto ToDto(Membership m, ApplicationUser u, DateTimeOffset now) => ToDto(m, u.Email, u.DisplayName, now);

    private static MemberDto ToDto(Membership m, string? email, string displayName, DateTimeOffset now) =>
        new(m.UserId, email ?? "", displayName, m.Role, m.Status, m.AccessEndsAt, m.AccessEndsAt is not null, m.AccessEndsAt <= now,
            m.CreatedAt, m.ChangedAt);
}
