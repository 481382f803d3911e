using System.ComponentModel.DataAnnotations;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Identity.Tenants;

namespace IsmsCloud.Identity.Apis;

public sealed record TenantDto(
    Guid Id, string Name, string Slug, TenantStatus Status, string FirstAdminEmail, DateTimeOffset CreatedAt, string? SuspensionReason,
    DateTimeOffset? DeletionRequestedAt, DateTimeOffset? DeletionDueAt, DateTimeOffset? DeletedAt)
{
    public static TenantDto From(Tenant t) => new(
        t.Id, t.Name, t.Slug, t.Status, t.FirstAdminEmail, t.CreatedAt, t.SuspensionReason, t.DeletionRequestedAt, t.DeletionDueAt, t.DeletedAt);
}

/// <summary>The slug typed again: deleting a tenant is not a click to make by accident.</summary>
public sealed record ScheduleTenantDeletionRequest([property: Required, StringLength(63)] string ConfirmSlug);

public sealed record ErasureReceiptDto(string Service, int Rows, DateTimeOffset ErasedAt);

/// <summary>Where a tenant's deletion stands: scheduled, due, done, and which services have confirmed erasing their data.</summary>
public sealed record TenantDeletionDto(
    Guid TenantId, DateTimeOffset? RequestedAt, DateTimeOffset? DueAt, DateTimeOffset? DeletedAt, IReadOnlyList<ErasureReceiptDto> Receipts);

public sealed record OnboardTenantRequest(
    [property: Required, StringLength(200, MinimumLength = 2)] string Name,
    [property: Required, StringLength(63, MinimumLength = 2)] string Slug,
    [property: Required, EmailAddress, StringLength(256)] string FirstAdminEmail);

/// <summary>The invitation link is only returned where configuration allows it (development); otherwise it is logged.</summary>
public sealed record OnboardedTenantDto(TenantDto Tenant, string? InvitationLink);

public sealed record SuspendTenantRequest([property: Required, StringLength(500, MinimumLength = 3)] string Reason);

public sealed record MembershipDto(Guid TenantId, string TenantName, string TenantSlug, string Role);

public sealed record MeDto(
    Guid UserId, string Email, string Name, Guid? TenantId, string? TenantName, string? TenantSlug,
    IReadOnlyList<string> Roles, bool IsPlatformAdmin, IReadOnlyList<MembershipDto> Memberships);

public sealed record CreateIntegrationClientRequest(
    [property: Required, StringLength(200, MinimumLength = 2)] string DisplayName,
    [property: Required, StringLength(40)] string Role);

/// <summary>The secret appears here once; only its hash is stored.</summary>
public sealed record CreatedIntegrationClientDto(string ClientId, string ClientSecret, string DisplayName, string Role, DateTimeOffset CreatedAt);

public sealed record IntegrationClientDto(string ClientId, string DisplayName, string Role, DateTimeOffset CreatedAt);
