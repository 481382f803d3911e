using System.Security.Claims;
using IsmsCloud.Contracts;

namespace IsmsCloud.BuildingBlocks.Http;

/// <summary>
/// Who did something, as every service records it: <see cref="Key"/> is the lower-cased e-mail (an integration's
/// subject when it has none), which records compare ("is the approver the owner?"); <see cref="DisplayName"/> is kept
/// beside it for people to read, and is never compared.
/// </summary>
public sealed record ActorName(string Key, string DisplayName)
{
    /// <summary>Background work (sweeps, consumers): changes made by the system itself.</summary>
    public static ActorName System { get; } = new("system", "IsmsCloud");

    public static ActorName Of(ClaimsPrincipal user)
    {
        var email = user.FindFirstValue(IsmsClaims.Email);
        var key = string.IsNullOrWhiteSpace(email) ? user.FindFirstValue(IsmsClaims.Subject) ?? "unknown" : email.Trim().ToLowerInvariant();
        return new ActorName(key, user.FindFirstValue(IsmsClaims.Name) ?? key);
    }
}
