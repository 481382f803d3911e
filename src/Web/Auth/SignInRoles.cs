using System.Security.Claims;
using IsmsCloud.Contracts;

namespace IsmsCloud.Web.Auth;

/// <summary>
/// The signed-in user's roles after an admin changed them: the workspace hides what the APIs would refuse by the
/// role claims of the sign-in, so those follow the roles of the newest identity token (<see cref="UserTokens.Roles"/>).
/// </summary>
public static class SignInRoles
{
    /// <summary><paramref name="user"/> with <paramref name="roles"/> instead of its role claims; itself when they are the same.</summary>
    public static ClaimsPrincipal With(ClaimsPrincipal user, IReadOnlyList<string>? roles)
    {
        if (roles is null || user.Identity is not ClaimsIdentity identity
            || user.Roles().Order(StringComparer.Ordinal).SequenceEqual(roles.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            return user;
        }

        var changed = identity.Clone();
        foreach (var claim in changed.FindAll(IsmsClaims.Role).ToList())
        {
            changed.RemoveClaim(claim);
        }

        changed.AddClaims(roles.Select(role => new Claim(IsmsClaims.Role, role)));
        return new ClaimsPrincipal(changed);
    }
}
