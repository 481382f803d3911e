using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.Contracts;
using IsmsCloud.Contracts.Events;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.BuildingBlocks.Members;

/// <summary>What the directory knows of a member, as the token check needs it.</summary>
public sealed record MemberStanding(MemberStatus Status, int Revision, DateTimeOffset? AccessEndsAt);

/// <summary>
/// Whether a member's token may still be used: the rule every service applies to every request (through the
/// tenancy middleware), so that removing, suspending, demoting a member or ending a guest's access takes effect
/// before their tokens expire. Tokens name the membership revision they were issued for; the directory holds the
/// newest revision it has heard of.
/// </summary>
public static class MemberAccess
{
    /// <returns>Why the token is refused, or null when it may be used.</returns>
    public static string? Refusal(ClaimsPrincipal user, MemberStanding? standing, DateTimeOffset now)
    {
        if (long.TryParse(user.FindFirst(IsmsClaims.AccessEndsAt)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var endsAt)
            && DateTimeOffset.FromUnixTimeSeconds(endsAt) <= now)
        {
            return "Your guest access to this tenant has ended.";
        }

        // Not heard of yet (its MemberAdded may still be on its way): identity-api issued the token, so it stands.
        if (standing is null)
        {
            return null;
        }

        int? revision = int.TryParse(user.FindFirst(IsmsClaims.MembershipRevision)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : null;
        if (revision > standing.Revision)
        {
            // Issued after a change this service has not heard of yet: the token is the newer truth.
            return null;
        }

        if (standing.Status == MemberStatus.Removed)
        {
            return "You are no longer a member of this tenant.";
        }

        if (standing.Status == MemberStatus.Suspended)
        {
            return "Your membership of this tenant is suspended.";
        }

        if (standing.AccessEndsAt <= now)
        {
            return "Your guest access to this tenant has ended.";
        }

        return revision < standing.Revision ? "Your role in this tenant changed since this token was issued; sign in again." : null;
    }
}

/// <summary>
/// Remembers, for a few seconds, what the directory says of a member, so the check on every request costs a
/// dictionary look-up; short-lived for the same reason as <see cref="Tenancy.TenantStatusCache"/>.
/// </summary>
public sealed class MemberAccessCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<(Guid, Guid), (MemberStanding? Standing, DateTimeOffset Until)> _entries = new();

    public async ValueTask<MemberStanding?> GetAsync(Guid tenantId, Guid userId, ServiceDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue((tenantId, userId), out var entry) && entry.Until > now)
        {
            return entry.Standing;
        }

        var standing = await db.KnownMembers.AsNoTracking().IgnoreQueryFilters([Tenancy.TenantModelConventions.FilterName])
            .Where(m => m.TenantId == tenantId && m.UserId == userId)
            .Select(m => new MemberStanding(m.Status, m.Revision, m.AccessEndsAt))
            .FirstOrDefaultAsync(cancellationToken);
        _entries[(tenantId, userId)] = (standing, now + Lifetime);
        return standing;
    }

    public void Forget(Guid tenantId, Guid userId) => _entries.TryRemove((tenantId, userId), out _);
}
