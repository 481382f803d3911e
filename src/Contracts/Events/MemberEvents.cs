namespace IsmsCloud.Contracts.Events;

/// <summary>Where a person stands in one tenant.</summary>
public enum MemberStatus
{
    Active,
    Suspended,
    Removed,
}

/// <summary>
/// A membership's whole state after a change, as identity-api saved it. Every member event carries all of it, so a
/// consumer keeps its member directory with one upsert whatever the event; <see cref="Revision"/> counts the
/// membership's changes (a removed and re-added member continues the count), so an older event never overrides a
/// newer one, and a token that names an older revision than the directory holds is known to be stale.
/// </summary>
public interface IMemberEvent : ITenantEvent
{
    Guid UserId { get; }
    string Email { get; }
    string DisplayName { get; }
    string Role { get; }
    MemberStatus Status { get; }
    /// <summary>A guest's (an external auditor's) access ends at this instant; null for members without an end.</summary>
    DateTimeOffset? AccessEndsAt { get; }
    int Revision { get; }
    DateTimeOffset ChangedAt { get; }
}

/// <summary>A person joined the tenant (an accepted invitation, a tenant's first admin, or a removed member invited again).</summary>
public sealed record MemberAdded(
    Guid TenantId, Guid UserId, string Email, string DisplayName, string Role, MemberStatus Status,
    DateTimeOffset? AccessEndsAt, int Revision, DateTimeOffset ChangedAt) : IMemberEvent;

/// <summary>A member's role or a guest's access end date changed.</summary>
public sealed record MemberRoleChanged(
    Guid TenantId, Guid UserId, string Email, string DisplayName, string Role, MemberStatus Status,
    DateTimeOffset? AccessEndsAt, int Revision, DateTimeOffset ChangedAt) : IMemberEvent;

/// <summary>A member was suspended: their tokens stop working everywhere until they are reactivated.</summary>
public sealed record MemberSuspended(
    Guid TenantId, Guid UserId, string Email, string DisplayName, string Role, MemberStatus Status,
    DateTimeOffset? AccessEndsAt, int Revision, DateTimeOffset ChangedAt) : IMemberEvent;

/// <summary>A suspended member was let in again.</summary>
public sealed record MemberReactivated(
    Guid TenantId, Guid UserId, string Email, string DisplayName, string Role, MemberStatus Status,
    DateTimeOffset? AccessEndsAt, int Revision, DateTimeOffset ChangedAt) : IMemberEvent;

/// <summary>A member was removed from the tenant: their tokens stop working everywhere.</summary>
public sealed record MemberRemoved(
    Guid TenantId, Guid UserId, string Email, string DisplayName, string Role, MemberStatus Status,
    DateTimeOffset? AccessEndsAt, int Revision, DateTimeOffset ChangedAt) : IMemberEvent;
