using System.Security.Claims;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.Contracts;

namespace IsmsCloud.Risk.Access;

/// <summary>
/// Who is acting, as the risk service needs to know it: the e-mail that records name as their owner (or the
/// client id of an integration), and the roles that decide what they may change. Records store owners, approvers
/// and requesters by this key, so "edits what they own" and "approver is not the owner" compare like with like.
/// </summary>
public sealed class Actor
{
    private readonly HashSet<string> _roles;

    public Actor(string key, string displayName, IEnumerable<string> roles)
    {
        Key = key;
        DisplayName = displayName;
        _roles = new HashSet<string>(roles, StringComparer.Ordinal);
    }

    /// <summary>Background work (the expiry sweep, consumers): changes made by the system itself.</summary>
    public static Actor System { get; } = new("system", "IsmsCloud", []);

    public string Key { get; }
    public string DisplayName { get; }

    /// <inheritdoc cref="IsmsRoles.Managers"/>
    public bool IsManager => IsmsRoles.Managers.Any(Has);

    /// <inheritdoc cref="IsmsRoles.Contributors"/>
    public bool CanContribute => IsmsRoles.Contributors.Any(Has);

    /// <inheritdoc cref="IsmsRoles.Approvers"/>
    public bool CanApprove => IsmsRoles.Approvers.Any(Has);

    public bool Has(string role) => _roles.Contains(role);

    public bool Is(string? ownerKey) => ownerKey is not null && string.Equals(Key, ownerKey, StringComparison.OrdinalIgnoreCase);

    /// <summary>A manager, or a holder of <paramref name="ownerRole"/> who is the record's owner.</summary>
    public bool CanEditOwned(string? ownerKey, string ownerRole) => IsManager || (Has(ownerRole) && Is(ownerKey));

    public static Actor From(ClaimsPrincipal user)
    {
        var (key, name) = ActorName.Of(user);
        return new Actor(key, name, user.FindAll(IsmsClaims.Role).Select(c => c.Value));
    }
}

/// <summary>The actor of the current request, or <see cref="Actor.System"/> outside a request.</summary>
public sealed class CurrentActor(IHttpContextAccessor accessor)
{
    private Actor? _actor;

    public Actor Value => _actor ??= accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user ? Actor.From(user) : Actor.System;
}
