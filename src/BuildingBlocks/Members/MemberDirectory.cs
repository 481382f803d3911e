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
    /// Adds an error to <paramref name="errors"/> for each named field whose e-mail is not an active member. The
    /// caller passes only fields being set or changed: records made before the directory existed keep their owners.
    /// The acting user is always a member (their token says so), and while this service has not yet heard of any
    /// of the tenant's members nobody is refused (the directory is still filling).
    /// </summary>
    public async Task CheckActiveMembersAsync(
        IDictionary<string, string[]> errors, string? actorEmail, CancellationToken cancellationToken, params (string Field, string? Email)[] named)
    {
        var wanted = named.Where(n => !string.IsNullOrWhiteSpace(n.Email))
            .Select(n => (n.Field, Email: n.Email!.Trim().ToLowerInvariant()))
            .Where(n => !string.Equals(n.Email, actorEmail?.Trim(), StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        var active = await ActiveAmongAsync(wanted.Select(w => w.Email), cancellationToken);
        if (active is null)
        {
            return;
        }

        foreach (var (field, email) in wanted.Where(w => !active.Contains(w.Email)))
        {
            errors[field] = [NotAMember];
        }
    }

    /// <summary>Which of <paramref name="emails"/> are active members; null while no member of the tenant is known.</summary>
    public async Task<HashSet<string>?> ActiveAmongAsync(IEnumerable<string> emails, CancellationToken cancellationToken)
    {
        var lowered = emails.Select(e => e.Trim().ToLowerInvariant()).Distinct().ToList();
        var rows = await db.KnownMembers.AsNoTracking()
            .Where(m => lowered.Contains(m.Email))
            .Select(m => new { m.Email, m.Status, m.AccessEndsAt })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0 && !await db.KnownMembers.AnyAsync(cancellationToken))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        return rows.Where(r => r.Status == Contracts.Events.MemberStatus.Active && (r.AccessEndsAt is null || r.AccessEndsAt > now))
            .Select(r => r.Email).ToHashSet(StringComparer.Ordinal);
    }
}
