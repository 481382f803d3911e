using IsmsCloud.BuildingBlocks.Audit;
using System.Security.Cryptography;
using System.Text;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;

namespace IsmsCloud.Trust.Documents;

public enum AccessRequestStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// A visitor's request for an NDA-gated document. Approval issues a download link: a random token of which only the
/// hash is stored, valid until <see cref="LinkExpiresAt"/>, and usable by one visitor — the first browser that opens
/// it and confirms the requester's e-mail address binds it (a cookie whose hash is stored here); any other browser is
/// refused, so a forwarded link is worthless.
/// </summary>
public sealed class AccessRequest : ITenantOwned, IVersioned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    Guid IAudited.AuditRecordId => Id;
    public Guid TenantId { get; set; }
    public uint Version { get; set; }
    public Guid DocumentId { get; init; }
    [NotAudited]
    public required string VisitorName { get; init; }
    public required string Company { get; init; }
    [NotAudited]
    public required string Email { get; init; }
    /// <summary>The NDA text exactly as the visitor accepted it.</summary>
    public required string AcceptedNdaText { get; init; }
    public DateTimeOffset RequestedAt { get; init; }
    [NotAudited]
    public string? RequestedFromIp { get; init; }
    public AccessRequestStatus Status { get; private set; }
    /// <summary>Who approved or rejected it: the e-mail key (<see cref="ActorName.Key"/>), with the name beside it for display.</summary>
    public string? DecidedBy { get; private set; }
    [NotAudited]
    public string? DecidedByName { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecisionNote { get; private set; }
    [NotAudited]
    public string? TokenHash { get; private set; }
    public DateTimeOffset? LinkExpiresAt { get; private set; }
    [NotAudited]
    public string? VisitorBindingHash { get; private set; }
    public DateTimeOffset? BoundAt { get; private set; }

    /// <summary>Approves the request and returns the link token (shown once; only its hash is kept).</summary>
    public string Approve(ActorName decidedBy, string? note, DateTimeOffset now, TimeSpan lifetime)
    {
        EnsurePending();
        var token = NewSecret();
        Status = AccessRequestStatus.Approved;
        (DecidedBy, DecidedByName) = decidedBy;
        DecidedAt = now;
        DecisionNote = note;
        TokenHash = Hash(token);
        LinkExpiresAt = now + lifetime;
        return token;
    }

    public void Reject(ActorName decidedBy, string? note, DateTimeOffset now)
    {
        EnsurePending();
        Status = AccessRequestStatus.Rejected;
        (DecidedBy, DecidedByName) = decidedBy;
        DecidedAt = now;
        DecisionNote = note;
    }

    public bool LinkExpired(DateTimeOffset now) => LinkExpiresAt is not { } end || now >= end;

    public bool IsBound => VisitorBindingHash is not null;

    /// <summary>Binds the link to the visitor who confirmed the e-mail address; returns the secret for their cookie.</summary>
    public string BindVisitor(DateTimeOffset now)
    {
        if (IsBound)
        {
            throw new InvalidOperationException("The link is already bound to a visitor.");
        }

        var secret = NewSecret();
        VisitorBindingHash = Hash(secret);
        BoundAt = now;
        return secret;
    }

    public bool IsBoundTo(string? visitorSecret) =>
        visitorSecret is not null && VisitorBindingHash is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(visitorSecret)), Encoding.ASCII.GetBytes(VisitorBindingHash));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string NewSecret() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private void EnsurePending()
    {
        if (Status != AccessRequestStatus.Pending)
        {
            throw new AccessRequestAlreadyDecidedException();
        }
    }
}

public sealed class AccessRequestAlreadyDecidedException : InvalidOperationException
{
    public AccessRequestAlreadyDecidedException() : base("The request has already been decided.") { }
    public AccessRequestAlreadyDecidedException(string message) : base(message) { }
    public AccessRequestAlreadyDecidedException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>One download of a gated or public document: who (when known), when, from where.</summary>
public sealed class DocumentDownload : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid DocumentId { get; init; }
    public Guid? AccessRequestId { get; init; }
    public string? Email { get; init; }
    public DateTimeOffset DownloadedAt { get; init; }
    public string? IpAddress { get; init; }
    public string? UserAgent { get; init; }
}
