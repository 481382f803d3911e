using System.ComponentModel.DataAnnotations;
using IsmsCloud.Contracts.Events;

namespace IsmsCloud.Identity.Members;

public sealed record MemberDto(
    Guid UserId, string Email, string DisplayName, string Role, MemberStatus Status, DateTimeOffset? AccessEndsAt,
    bool IsGuest, bool AccessEnded, DateTimeOffset JoinedAt, DateTimeOffset ChangedAt);

public sealed record InvitationDto(
    Guid Id, string Email, string Role, DateTimeOffset? AccessEndsAt, InvitationStatus Status,
    DateTimeOffset CreatedAt, DateTimeOffset SentAt, DateTimeOffset ExpiresAt, int SendCount)
{
    public static InvitationDto From(Invitation i, DateTimeOffset now) =>
        new(i.Id, i.Email, i.Role, i.AccessEndsAt, i.StatusAt(now), i.CreatedAt, i.SentAt, i.ExpiresAt, i.SendCount);
}

/// <summary>The link is only returned where configuration allows it (development); otherwise it is logged.</summary>
public sealed record SentInvitationDto(InvitationDto Invitation, string? InvitationLink);

/// <param name="AccessEndsAt">Makes a time-boxed guest membership (an external auditor): role Auditor only.</param>
public sealed record InviteMemberRequest(
    [property: Required, EmailAddress, StringLength(256)] string Email,
    [property: Required, StringLength(40)] string Role,
    DateTimeOffset? AccessEndsAt = null);

public sealed record ChangeMemberRequest(
    [property: Required, StringLength(40)] string Role,
    DateTimeOffset? AccessEndsAt = null);
