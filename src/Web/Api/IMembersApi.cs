using IsmsCloud.Contracts.Events;
using Refit;

namespace IsmsCloud.Web.Api;

// Copies of identity-api's member contracts (decision 0012); MemberStatus is the shared one in IsmsCloud.Contracts.

public enum InvitationStatus
{
    Pending,
    Accepted,
    Revoked,
    Expired,
}

public sealed record MemberDto(
    Guid UserId, string Email, string DisplayName, string Role, MemberStatus Status, DateTimeOffset? AccessEndsAt,
    bool IsGuest, bool AccessEnded, DateTimeOffset JoinedAt, DateTimeOffset ChangedAt);

public sealed record InvitationDto(
    Guid Id, string Email, string Role, DateTimeOffset? AccessEndsAt, InvitationStatus Status,
    DateTimeOffset CreatedAt, DateTimeOffset SentAt, DateTimeOffset ExpiresAt, int SendCount);

/// <summary><see cref="InvitationLink"/> is null where identity-api only logs links (everywhere but development).</summary>
public sealed record SentInvitationDto(InvitationDto Invitation, string? InvitationLink);

public sealed record InviteMemberRequest(string Email, string Role, DateTimeOffset? AccessEndsAt = null);

public sealed record ChangeMemberRequest(string Role, DateTimeOffset? AccessEndsAt = null);

public interface IMembersApi
{
    /// <summary>Every member may list the active members; only tenant admins see other statuses.</summary>
    [Get("/api/identity/members")]
    Task<PagedResult<MemberDto>> ListMembersAsync(int page, int pageSize, string? search = null, string? role = null, MemberStatus? status = null,
        CancellationToken cancellationToken = default);

    [Put("/api/identity/members/{userId}")]
    Task<MemberDto> ChangeMemberAsync(Guid userId, [Body] ChangeMemberRequest request, CancellationToken cancellationToken = default);

    [Post("/api/identity/members/{userId}/suspend")]
    Task<MemberDto> SuspendMemberAsync(Guid userId, CancellationToken cancellationToken = default);

    [Post("/api/identity/members/{userId}/reactivate")]
    Task<MemberDto> ReactivateMemberAsync(Guid userId, CancellationToken cancellationToken = default);

    [Delete("/api/identity/members/{userId}")]
    Task RemoveMemberAsync(Guid userId, CancellationToken cancellationToken = default);

    [Get("/api/identity/invitations")]
    Task<PagedResult<InvitationDto>> ListInvitationsAsync(int page, int pageSize, InvitationStatus status = InvitationStatus.Pending,
        CancellationToken cancellationToken = default);

    [Post("/api/identity/invitations")]
    Task<SentInvitationDto> InviteAsync([Body] InviteMemberRequest request, CancellationToken cancellationToken = default);

    [Post("/api/identity/invitations/{id}/resend")]
    Task<SentInvitationDto> ResendInvitationAsync(Guid id, CancellationToken cancellationToken = default);

    [Delete("/api/identity/invitations/{id}")]
    Task RevokeInvitationAsync(Guid id, CancellationToken cancellationToken = default);
}
