using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.Contracts;
using IsmsCloud.Contracts.Events;

namespace IsmsCloud.Identity.Members;

/// <summary>
/// A person's role in one tenant. A user may belong to several tenants and picks one at sign-in. A removed member's
/// row stays (status Removed) so that inviting them again continues the <see cref="Revision"/> count every service's
/// member directory compares tokens against.
/// </summary>
public sealed class Membership : IAudited
{
    Guid IAudited.AuditRecordId => Id;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; init; }
    public Guid UserId { get; init; }
    public required string Role { get; set; }
    public MemberStatus Status { get; private set; } = MemberStatus.Active;
    /// <summary>A guest's (external auditor's) access ends here: no token is issued after it, and services refuse its tokens.</summary>
    public DateTimeOffset? AccessEndsAt { get; private set; }
    /// <summary>Counts the changes of this membership; each event carries it and each token names it.</summary>
    public int Revision { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ChangedAt { get; private set; }
    /// <summary>
    /// Whether every service has been told of this membership. Memberships made before the member events existed
    /// are announced (MemberAdded) once at start-up; every later one is announced in the transaction that makes it.
    /// </summary>
    [NotAudited]
    public bool Announced { get; set; }

    /// <summary>May obtain and use tokens at an instant: active, and a guest's access not ended. For queries and the entity alike.</summary>
    public static readonly TimedRule<Membership, DateTimeOffset> Active = new((m, now) =>
        m.Status == MemberStatus.Active && (m.AccessEndsAt == null || m.AccessEndsAt > now));

    /// <summary>Whether the member may obtain and use tokens at <paramref name="now"/>.</summary>
    public bool IsActiveAt(DateTimeOffset now) => Active.IsMetBy(this, now);

    public static Membership Start(Guid tenantId, Guid userId, string role, DateTimeOffset? accessEndsAt, DateTimeOffset now) => new()
    {
        TenantId = tenantId, UserId = userId, Role = role, AccessEndsAt = accessEndsAt, CreatedAt = now, ChangedAt = now, Announced = true,
    };

    /// <summary>A removed member who accepts a new invitation joins again with the invitation's role.</summary>
    public void Rejoin(string role, DateTimeOffset? accessEndsAt, DateTimeOffset now)
    {
        Role = role;
        AccessEndsAt = accessEndsAt;
        Status = MemberStatus.Active;
        Touch(now);
    }

    public void ChangeAccess(string role, DateTimeOffset? accessEndsAt, DateTimeOffset now)
    {
        Role = role;
        AccessEndsAt = accessEndsAt;
        Touch(now);
    }

    public void Suspend(DateTimeOffset now)
    {
        Status = MemberStatus.Suspended;
        Touch(now);
    }

    public void Reactivate(DateTimeOffset now)
    {
        Status = MemberStatus.Active;
        Touch(now);
    }

    public void Remove(DateTimeOffset now)
    {
        Status = MemberStatus.Removed;
        Touch(now);
    }

    /// <summary>True when this membership is one of the tenant's administrators while active.</summary>
    public bool IsActiveAdminAt(DateTimeOffset now) => Role == IsmsRoles.TenantAdmin && IsActiveAt(now);

    private void Touch(DateTimeOffset now)
    {
        Revision++;
        ChangedAt = now;
    }
}

/// <summary>A membership a user may sign in with now, with its (active) tenant.</summary>
public sealed record ActiveMembership(Tenants.Tenant Tenant, Membership Membership)
{
    public string Role => Membership.Role;
}
