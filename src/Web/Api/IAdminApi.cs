using Refit;

namespace IsmsCloud.Web.Api;

public enum TenantStatus
{
    Active,
    Suspended,
}

public sealed record TenantDto(
    Guid Id, string Name, string Slug, TenantStatus Status, string FirstAdminEmail, DateTimeOffset CreatedAt, string? SuspensionReason,
    DateTimeOffset? DeletionRequestedAt, DateTimeOffset? DeletionDueAt, DateTimeOffset? DeletedAt);

public sealed record OnboardTenantRequest(string Name, string Slug, string FirstAdminEmail);

/// <summary><see cref="InvitationLink"/> is null when the first admin already had an account.</summary>
public sealed record OnboardedTenantDto(TenantDto Tenant, string? InvitationLink);

public sealed record SuspendTenantRequest(string Reason);

public interface IAdminApi
{
    [Get("/api/admin/tenants")]
    Task<PagedResult<TenantDto>> ListTenantsAsync(int page, int pageSize, string? search, CancellationToken cancellationToken = default);

    [Post("/api/admin/tenants")]
    Task<OnboardedTenantDto> OnboardTenantAsync([Body] OnboardTenantRequest request, CancellationToken cancellationToken = default);

    [Post("/api/admin/tenants/{id}/suspend")]
    Task<TenantDto> SuspendTenantAsync(Guid id, [Body] SuspendTenantRequest request, CancellationToken cancellationToken = default);

    [Post("/api/admin/tenants/{id}/reactivate")]
    Task<TenantDto> ReactivateTenantAsync(Guid id, CancellationToken cancellationToken = default);
}
