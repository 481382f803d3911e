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

public sealed record ScheduleTenantDeletionRequest(string ConfirmSlug);

public sealed record ErasureReceiptDto(string Service, int Rows, DateTimeOffset ErasedAt);

public sealed record TenantDeletionDto(
    Guid TenantId, DateTimeOffset? RequestedAt, DateTimeOffset? DueAt, DateTimeOffset? DeletedAt, IReadOnlyList<ErasureReceiptDto> Receipts);

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

    [Get("/api/admin/tenants/{id}/deletion")]
    Task<TenantDeletionDto> GetDeletionAsync(Guid id, CancellationToken cancellationToken = default);

    [Post("/api/admin/tenants/{id}/deletion")]
    Task<TenantDeletionDto> ScheduleDeletionAsync(Guid id, [Body] ScheduleTenantDeletionRequest request, CancellationToken cancellationToken = default);

    [Delete("/api/admin/tenants/{id}/deletion")]
    Task<TenantDeletionDto> CancelDeletionAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>identity-api's part of a tenant's export (a ZIP).</summary>
    [Get("/api/admin/tenants/{id}/export")]
    Task<HttpResponseMessage> ExportIdentityPartAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Another service's part of a tenant's export (a ZIP); <paramref name="service"/> is its route prefix.</summary>
    [Get("/api/{service}/admin/tenants/{id}/export")]
    Task<HttpResponseMessage> ExportServicePartAsync(string service, Guid id, CancellationToken cancellationToken = default);
}
