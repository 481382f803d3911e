using IsmsCloud.BuildingBlocks.Persistence;
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
        var wanted = named.Where(n => !string.IsNullOrWhiteSpace(n.Email)).Select(n => n.Email!.Trim().ToLowerInvariant()).Distinct().ToList();
        if (wanted.Count == 0)
        {
            return null;
        }

        // Only the named people are read (a save names one or two), not the whole directory.
        var members = await ActiveAsync(db.KnownMembers.Where(m => wanted.Contains(m.Email)), actorKey, cancellationToken);
        var errors = named.Where(n => !string.IsNullOrWhiteSpace(n.Email) && !members.Accepts(n.Email!))
            .ToDictionary(n => n.Field, _ => new[] { NotAMember });
        return errors.Count == 0 ? null : errors;
    }

    /// <summary>The tenant's active members now, for checking many names at once (an import).</summary>
    public Task<ActiveMembers> ActiveMembersAsync(string? actorKey, CancellationToken cancellationToken) =>
        ActiveAsync(db.KnownMembers, actorKey, cancellationToken);

    private async Task<ActiveMembers> ActiveAsync(IQueryable<KnownMember> candidates, string? actorKey, CancellationToken cancellationToken)
    {
        var active = await candidates.AsNoTracking().Where(KnownMember.Active.On(clock.GetUtcNow()))
            .Select(m => m.Email).ToListAsync(cancellationToken);
        var filling = active.Count == 0 && !await db.KnownMembers.AnyAsync(cancellationToken);
        return new ActiveMembers(active.ToHashSet(StringComparer.OrdinalIgnoreCase), actorKey, directoryFilling: filling);
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
