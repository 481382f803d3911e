using IsmsCloud.Contracts.Events;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Identity.Users;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Identity.Members;

/// <summary>The member events, built from the membership's state after the change (every event carries all of it).</summary>
public static class MemberEvents
{
    public static MemberAdded Added(Membership m, ApplicationUser user) =>
        new(m.TenantId, m.UserId, EmailOf(user), user.DisplayName, m.Role, m.Status, m.AccessEndsAt, m.Revision, m.ChangedAt);

    public static MemberRoleChanged RoleChanged(Membership m, ApplicationUser user) =>
        new(m.TenantId, m.UserId, EmailOf(user), user.DisplayName, m.Role, m.Status, m.AccessEndsAt, m.Revision, m.ChangedAt);

    public static MemberSuspended Suspended(Membership m, ApplicationUser user) =>
        new(m.TenantId, m.UserId, EmailOf(user), user.DisplayName, m.Role, m.Status, m.AccessEndsAt, m.Revision, m.ChangedAt);

    public static MemberReactivated Reactivated(Membership m, ApplicationUser user) =>
        new(m.TenantId, m.UserId, EmailOf(user), user.DisplayName, m.Role, m.Status, m.AccessEndsAt, m.Revision, m.ChangedAt);

    public static MemberRemoved Removed(Membership m, ApplicationUser user) =>
        new(m.TenantId, m.UserId, EmailOf(user), user.DisplayName, m.Role, m.Status, m.AccessEndsAt, m.Revision, m.ChangedAt);

    /// <summary>Services compare owners by the lower-cased e-mail (see ActorName), so the directory keeps that form.</summary>
    private static string EmailOf(ApplicationUser user) => (user.Email ?? "").Trim().ToLowerInvariant();
}

/// <summary>The one way a person becomes a member: the membership and its MemberAdded event, saved together by the caller.</summary>
public static class MemberJoin
{
    public static Membership Add(Infrastructure.IdentityDbContext db, Guid tenantId, ApplicationUser user, string role, DateTimeOffset? accessEndsAt, DateTimeOffset now)
    {
        var membership = Membership.Start(tenantId, user.Id, role, accessEndsAt, now);
        db.Memberships.Add(membership);
        db.AddEvent(MemberEvents.Added(membership, user));
        return membership;
    }

    /// <summary>
    /// Memberships made before the member events existed: announced once (MemberAdded), so every service's member
    /// directory learns of them. Runs at start-up; a no-op once all are announced.
    /// </summary>
    public static async Task AnnounceEarlierMembershipsAsync(Infrastructure.IdentityDbContext db, CancellationToken cancellationToken)
    {
        var earlier = await (from m in db.Memberships
                             join u in db.Users on m.UserId equals u.Id
                             where !m.Announced
                             select new { m, u }).ToListAsync(cancellationToken);
        foreach (var x in earlier)
        {
            x.m.Announced = true;
            if (x.m.Status == Contracts.Events.MemberStatus.Removed)
            {
                db.AddEvent(MemberEvents.Removed(x.m, x.u));
            }
            else
            {
                db.AddEvent(MemberEvents.Added(x.m, x.u));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
