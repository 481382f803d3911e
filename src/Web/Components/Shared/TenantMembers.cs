using IsmsCloud.Contracts.Events;
using IsmsCloud.Web.Api;

namespace IsmsCloud.Web.Components.Shared;

/// <summary>
/// The tenant's active members as one circuit (or one prerendering request) needs them: for the owner pickers
/// (a search in identity-api) and for marking owners who are no longer members (the whole active list, loaded
/// once and kept for a minute). identity-api pages at 200, so a tenant of a few hundred members is a few calls.
/// </summary>
public sealed class TenantMembers(IMembersApi members, ApiCaller api, TimeProvider clock)
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(1);
    private const int PageSize = 200;
    private const int MostPages = 10;

    private Task<IReadOnlyDictionary<string, MemberDto>?>? loading;
    private DateTimeOffset loadedAt;

    /// <summary>Active members by lower-cased e-mail; null when identity-api could not say (then nobody is marked).</summary>
    public Task<IReadOnlyDictionary<string, MemberDto>?> ActiveByEmailAsync()
    {
        if (loading is null || (loading.IsCompleted && clock.GetUtcNow() - loadedAt > KeptFor))
        {
            loadedAt = clock.GetUtcNow();
            loading = LoadAsync();
        }

        return loading;
    }

    /// <summary>The active member with this user id (an audit trail's actor), or null (not a member, a client, the system).</summary>
    public async Task<MemberDto?> ActiveByUserIdAsync(string actorId)
    {
        if (!Guid.TryParse(actorId, out var userId))
        {
            return null;
        }

        var active = await ActiveByEmailAsync();
        return active?.Values.FirstOrDefault(m => m.UserId == userId);
    }

    /// <summary>Up to <paramref name="count"/> active members whose name or e-mail contains <paramref name="text"/>.</summary>
    public async Task<IReadOnlyList<MemberDto>> SearchAsync(string? text, int count, CancellationToken cancellationToken)
    {
        var search = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        var result = await api.RunAsync(ct => members.ListMembersAsync(1, count, search, status: MemberStatus.Active, cancellationToken: ct), cancellationToken);
        return result.Value?.Items ?? [];
    }

    private async Task<IReadOnlyDictionary<string, MemberDto>?> LoadAsync()
    {
        var byEmail = new Dictionary<string, MemberDto>(StringComparer.OrdinalIgnoreCase);
        for (var page = 1; page <= MostPages; page++)
        {
            var current = page;
            var result = await api.RunAsync(ct => members.ListMembersAsync(current, PageSize, status: MemberStatus.Active, cancellationToken: ct));
            if (!result.Succeeded)
            {
                loading = null; // try again next time rather than keep a failure for a minute
                return null;
            }

            foreach (var member in result.Value.Items)
            {
                byEmail[member.Email] = member;
            }

            if (page * PageSize >= result.Value.TotalCount)
            {
                return byEmail;
            }
        }

        // Larger than we list whole: not knowing is better than marking members as strangers.
        return null;
    }
}
