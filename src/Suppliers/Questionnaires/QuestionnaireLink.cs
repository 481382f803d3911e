using System.Security.Cryptography;
using System.Text;
using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Suppliers.Assessments;

namespace IsmsCloud.Suppliers.Questionnaires;

/// <summary>What a questionnaire link is worth when it is used.</summary>
public enum LinkState
{
    Open,
    /// <summary>The tenant withdrew it (410).</summary>
    Revoked,
    /// <summary>A newer link was sent for the same assessment, e.g. when it was sent back for changes (410).</summary>
    Superseded,
    /// <summary>Past its expiry (410).</summary>
    Expired,
    /// <summary>The questionnaire was submitted: nothing more can be answered through it (409).</summary>
    Submitted,
}

/// <summary>
/// The link a supplier's contact answers a questionnaire through, without an account. Only the SHA-256 of its random
/// token is stored; the first visit trades the token for a cookie whose hash is stored too, and the browser is sent on
/// to an address without the token (<see cref="Id"/>). Bound to one assessment of one tenant, and expiring.
/// </summary>
public sealed class QuestionnaireLink : ITenantOwned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    // Filed under its assessment, whose history shows the links sent.
    Guid IAudited.AuditRecordId => AssessmentId;
    public Guid TenantId { get; set; }
    public Guid AssessmentId { get; init; }
    [NotAudited]
    public required string TokenHash { get; init; }
    [NotAudited]
    public string? CookieHash { get; private set; }
    public DateTimeOffset IssuedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public DateTimeOffset? SupersededAt { get; private set; }

    /// <summary>A new link and its token (shown once, to be sent to the supplier; never stored).</summary>
    public static (QuestionnaireLink Link, string Token) Issue(Guid assessmentId, DateTimeOffset now, TimeSpan lifetime)
    {
        var token = NewSecret();
        return (new QuestionnaireLink { AssessmentId = assessmentId, TokenHash = Hash(token), IssuedAt = now, ExpiresAt = now + lifetime }, token);
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>
    /// The one home of the token states. Revocation and supersession are the tenant's decisions and read first; then
    /// expiry; then a submitted questionnaire (under review or completed) is closed to answers.
    /// </summary>
    public LinkState StateOn(DateTimeOffset now, AssessmentStatus assessment) =>
        RevokedAt is not null ? LinkState.Revoked
        : SupersededAt is not null ? LinkState.Superseded
        : now >= ExpiresAt ? LinkState.Expired
        : assessment is AssessmentStatus.Submitted or AssessmentStatus.Completed ? LinkState.Submitted
        : assessment == AssessmentStatus.Cancelled ? LinkState.Revoked
        : LinkState.Open;

    /// <summary>Trades the token for a cookie secret (returned, its hash kept); the latest browser to use the token wins.</summary>
    public string BindBrowser()
    {
        var secret = NewSecret();
        CookieHash = Hash(secret);
        return secret;
    }

    public bool IsBoundTo(string? cookie) =>
        CookieHash is not null && cookie is { Length: > 0 and <= 100 }
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(CookieHash), Encoding.ASCII.GetBytes(Hash(cookie)));

    public void Revoke(DateTimeOffset at) => RevokedAt ??= at;

    public void Supersede(DateTimeOffset at) => SupersededAt ??= at;

    private static string NewSecret() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
