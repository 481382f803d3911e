using System.ComponentModel.DataAnnotations;

namespace IsmsCloud.Trust.Documents;

public sealed record UpdateDocumentRequest(
    [property: Required, StringLength(200, MinimumLength = 2)] string Title,
    [property: StringLength(2000)] string? Description,
    DocumentAccess Access,
    bool Published,
    [property: Range(0, uint.MaxValue)] long Version);

public sealed record TrustDocumentDto(
    Guid Id, string Title, string? Description, DocumentAccess Access, bool Published, string FileName, string ContentType,
    long SizeBytes, string Sha256, uint Version, DateTimeOffset UpdatedAt);

public sealed record DocumentDownloadDto(Guid Id, Guid DocumentId, Guid? AccessRequestId, string? Email, DateTimeOffset DownloadedAt, string? IpAddress, string? UserAgent);

public sealed record AccessRequestDto(
    Guid Id, Guid DocumentId, string DocumentTitle, string VisitorName, string Company, string Email, string AcceptedNdaText,
    DateTimeOffset RequestedAt, AccessRequestStatus Status, string? DecidedBy, string? DecidedByName, DateTimeOffset? DecidedAt, string? DecisionNote,
    DateTimeOffset? LinkExpiresAt, bool LinkUsed, uint Version)
{
    public static AccessRequestDto From(AccessRequest r, string documentTitle) => new(
        r.Id, r.DocumentId, documentTitle, r.VisitorName, r.Company, r.Email, r.AcceptedNdaText, r.RequestedAt, r.Status, r.DecidedBy, r.DecidedByName,
        r.DecidedAt, r.DecisionNote, r.LinkExpiresAt, r.IsBound, r.Version);
}

public sealed record DecideAccessRequest([property: StringLength(2000)] string? Note, [property: Range(0, uint.MaxValue)] long Version);

/// <summary>The approval's answer: the link is shown this once (only its hash is stored) for the approver to send on.</summary>
public sealed record AccessApprovedDto(AccessRequestDto Request, string DownloadPath, DateTimeOffset ExpiresAt);
