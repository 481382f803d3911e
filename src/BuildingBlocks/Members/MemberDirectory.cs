using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.Contracts.Events;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.BuildingBlocks.Members;

/// <summary>
/// The current tenant's members as this service knows them: the one place that decides whether a person named on a
/// record (an owner, approver or reviewer, by e-mail) is an active member.
/// </summary>
public sealed class MemberDirectory(ServiceDbContext db, TimeProvider clock)
{
    /// <summary>The message a field gets when it names someone who is not an active member.</summary>
    public const string NotAMember = "Name an active member of the tenant (by e-mail).";

    /// <summary>
    /// The field errors for the named people who are not active members, or null when all are. Pass only fields
    /// being set or changed: records made before the directory existed keep their owners until someone changes them.
    /// </summary>
    public async Task<Dictionary<string, string[]>?> RefuseNonMembersAsync(
        string? actorKey, CancellationToken cancellationToken, params (string Field, string? Email)[] named)
    {
        if (named.All(n => string.IsNullOrWhiteSpace(n.Email)))
        {
            return null;
        }

        var members = await ActiveMembersAsync(actorKey, cancellationToken);
        var errors = named.Where(n => !string.IsNullOrWhiteSpace(n.Email) && !members.Accepts(n.Email!))
            .ToDictionary(n => n.Field, _ => new[] { NotAMember });
        return errors.Count == 0 ? null : errors;
    }

    /// <summary>The tenant's active members now, for checking many names at once (an import).</summary>
    public async Task<ActiveMembers> ActiveMembersAsync(string? actorKey, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var known = await db.KnownMembers.AsNoTracking()
            .Select(m => new { m.Email, m.Status, m.AccessEndsAt })
            .ToListAsync(cancellationToken);
        var active = known.Where(m => m.Status == MemberStatus.Active && (m.AccessEndsAt is null || m.AccessEndsAt > now))
            .Select(m => m.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new ActiveMembers(active, actorKey, directoryFilling: known.Count == 0);
    }
}

/// <summary>A snapshot of the tenant's active members' e-mails.</summary>
public sealed class ActiveMembers(HashSet<string> emails, string? actorKey, bool directoryFilling)
{
    /// <summary>
    /// Whether <paramref name="email"/> names an active member. The acting user always is one (their token, checked
    /// by the tenancy middleware, says so); and while this service has heard of none of the tenant's members yet
    /// (the directory is still filling after the tenant's onboarding) nobody is refused.
    /// </summary>
    public bool Accepts(string email)
    {
        var normalized = email.Trim();
        return directoryFilling || emails.Contains(normalized) || string.Equals(normalized, actorKey, StringComparison.OrdinalIgnoreCase);
    }
}
