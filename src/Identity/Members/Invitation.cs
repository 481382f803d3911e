using IsmsCloud.BuildingBlocks.Audit;
using System.Security.Cryptography;
using System.Text;

namespace IsmsCloud.Identity.Members;

public enum InvitationStatus
{
    Pending,
    Accepted,
    Revoked,
    Expired,
}

/// <summary>
/// A tenant admin's invitation of a person (by e-mail) to a role. The link carries a random token of which only the
/// SHA-256 is stored, so a database reader cannot accept anyone's invitation. One use: accepting stamps it.
/// </summary>
public sealed class Invitation : IAudited
{
    Guid IAudited.AuditRecordId => Id;

    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; init; }
    /// <summary>Lower-cased: the one form in which e-mails are compared.</summary>
    public required string Email { get; init; }
    public required string Role { get; init; }
    public DateTimeOffset? AccessEndsAt { get; init; }
    [NotAudited]
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public Guid CreatedBy { get; init; }
    public DateTimeOffset SentAt { get; private set; }
    public int SendCount { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public Guid? AcceptedBy { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public InvitationStatus StatusAt(DateTimeOffset now) =>
        AcceptedAt is not null ? InvitationStatus.Accepted
        : RevokedAt is not null ? InvitationStatus.Revoked
        : ExpiresAt <= now ? InvitationStatus.Expired
        : InvitationStatus.Pending;

    /// <summary>Creates the invitation and the token of its link (returned once, never stored).</summary>
    public static (Invitation Invitation, string Token) Create(Guid tenantId, string email, string role, DateTimeOffset? accessEndsAt, Guid createdBy, DateTimeOffset now)
    {
        var token = NewToken();
        var invitation = new Invitation
        {
            TenantId = tenantId, Email = email.Trim().ToLowerInvariant(), Role = role, AccessEndsAt = accessEndsAt,
            TokenHash = Hash(token), CreatedAt = now, CreatedBy = createdBy,
        };
        invitation.MarkSent(now);
        return (invitation, token);
    }

    /// <summary>A new link (the old one stops working) and a new seven days.</summary>
    public string Resend(DateTimeOffset now)
    {
        var token = NewToken();
        TokenHash = Hash(token);
        MarkSent(now);
        return token;
    }

    public void Revoke(DateTimeOffset now) => RevokedAt = now;

    public void Accept(Guid userId, DateTimeOffset now)
    {
        AcceptedAt = now;
        AcceptedBy = userId;
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private void MarkSent(DateTimeOffset now)
    {
        SentAt = now;
        SendCount++;
        ExpiresAt = now + Lifetime;
    }

    private static string NewToken() =>
        System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
