using Refit;

namespace IsmsCloud.Web.Api;

public sealed record MembershipDto(Guid TenantId, string TenantName, string TenantSlug, string Role);

public sealed record MeDto(
    Guid UserId,
    string Email,
    string Name,
    Guid? TenantId,
    string? TenantName,
    string? TenantSlug,
    IReadOnlyList<string> Roles,
    bool IsPlatformAdmin,
    IReadOnlyList<MembershipDto> Memberships);

public interface IIdentityApi
{
    [Get("/api/identity/me")]
    Task<MeDto> GetMeAsync(CancellationToken cancellationToken = default);
}
