using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Identity.Infrastructure;
using IsmsCloud.Identity.Tenants;
using IsmsCloud.Identity.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Identity.Members;

/// <summary>What an invitation link leads to: the invitation, its tenant, and whether the invitee already has an account.</summary>
public sealed record OpenInvitation(Invitation Invitation, Tenant Tenant, ApplicationUser? ExistingUser);

/// <summary>The outcome of accepting: the member who joined, or why not (shown on the page as it is).</summary>
public sealed record AcceptanceResult(ApplicationUser? User, IReadOnlyList<string> Errors)
{
    public bool Succeeded => User is not null;
}

/// <summary>
/// Sending, re-sending and accepting invitations. There is no mail server: the link is logged, and returned to the
/// inviting admin where configuration allows it (development), as for a new tenant's first admin.
/// </summary>
public sealed class Invitations(
    IdentityDbContext db,
    UserManager<ApplicationUser> users,
    TimeProvider clock,
    IConfiguration configuration,
    ILogger<Invitations> logger)
{
    public const string NotValid = "This invitation is not valid: it has expired, was revoked or was already used.";

    /// <summary>The link for the invitee, or null where links are only logged.</summary>
    public string? Link(Invitation invitation, string token, string tenantSlug)
    {
        var issuer = configuration["Identity:Issuer"]?.TrimEnd('/') ?? "";
        var link = $"{issuer}/identity/account/accept-invitation?token={Uri.EscapeDataString(token)}";
        logger.LogWarning("Invitation link for {Email} to tenant {Slug} as {Role}, valid until {ExpiresAt:u}: {Link}",
            invitation.Email, tenantSlug, invitation.Role, invitation.ExpiresAt, link);
        return configuration.GetValue<bool>("Identity:ReturnInvitationLinks") ? link : null;
    }

    /// <summary>The pending invitation a link names, or null when the link is unknown, expired, revoked or used.</summary>
    public async Task<OpenInvitation?> OpenAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }

        var hash = Invitation.Hash(token);
        var invitation = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (invitation is null || invitation.StatusAt(clock.GetUtcNow()) != InvitationStatus.Pending)
        {
            return null;
        }

        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == invitation.TenantId, cancellationToken);
        if (tenant is null || tenant.Status != BuildingBlocks.Tenancy.TenantStatus.Active)
        {
            return null;
        }

        return new OpenInvitation(invitation, tenant, await users.FindByEmailAsync(invitation.Email));
    }

    /// <summary>
    /// Accepts the invitation: a new person sets their name and password; an existing user (of another tenant)
    /// proves it is them with their password. Stamping the invitation, creating the user and the membership and
    /// the MemberAdded event are one transaction, and the stamp only succeeds once however many tabs submit it.
    /// </summary>
    /// <param name="open">The invitation as <see cref="OpenAsync"/> found it; the stamp below re-checks that it is still pending.</param>
    public async Task<AcceptanceResult> AcceptAsync(OpenInvitation open, string? displayName, string password, CancellationToken cancellationToken)
    {
        var invitation = open.Invitation;
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var user = open.ExistingUser;
        if (user is null)
        {
            if (string.IsNullOrWhiteSpace(displayName) || displayName.Trim().Length > 200)
            {
                return new AcceptanceResult(null, ["Enter your name (at most 200 characters)."]);
            }

            user = new ApplicationUser
            {
                UserName = invitation.Email, Email = invitation.Email, EmailConfirmed = true, DisplayName = displayName.Trim(), CreatedAt = now,
            };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return new AcceptanceResult(null, created.Errors.Select(e => e.Description).ToList());
            }
        }
        else if (await users.IsLockedOutAsync(user) || !await users.CheckPasswordAsync(user, password))
        {
            await users.AccessFailedAsync(user);
            return new AcceptanceResult(null, ["The password is not correct for this account."]);
        }

        // One use only: the conditional update matches once; a second submission (or a revocation in between) finds nothing.
        var stamped = await db.Invitations
            .Where(i => i.Id == invitation.Id && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.AcceptedAt, now).SetProperty(i => i.AcceptedBy, user.Id), cancellationToken);
        if (stamped == 0)
        {
            return new AcceptanceResult(null, [NotValid]);
        }

        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.TenantId == invitation.TenantId && m.UserId == user.Id, cancellationToken);
        if (membership is null)
        {
            MemberJoin.Add(db, invitation.TenantId, user, invitation.Role, invitation.AccessEndsAt, now);
        }
        else if (membership.Status == Contracts.Events.MemberStatus.Removed)
        {
            membership.Rejoin(invitation.Role, invitation.AccessEndsAt, now);
            db.AddEvent(MemberEvents.Added(membership, user));
        }
        else
        {
            // Became a member another way since the invitation was sent (e.g. a second invitation): nothing to add.
            await transaction.CommitAsync(cancellationToken);
            return new AcceptanceResult(user, []);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("{UserId} joined tenant {TenantId} as {Role}", user.Id, invitation.TenantId, invitation.Role);
        return new AcceptanceResult(user, []);
    }
}
