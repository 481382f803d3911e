using Refit;

namespace IsmsCloud.Web.Api;

public sealed record ScopeExclusionDto(string Subject, string Justification);

public sealed record ScopeVersionDto(
    Guid Id, ScopeVersionStatus Status, int? Number, string Summary, IReadOnlyList<string> IncludedServices, IReadOnlyList<string> Locations,
    IReadOnlyList<string> Teams, IReadOnlyList<string> Systems, IReadOnlyList<ScopeExclusionDto> Exclusions, uint Version,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? PublishedBy, string? PublishedByName, DateTimeOffset? PublishedAt);

public sealed record ScopeVersionSummaryDto(Guid Id, int Number, DateTimeOffset PublishedAt, string PublishedBy, string? PublishedByName, int IncludedServiceCount, int ExclusionCount);

public sealed record UpdateScopeDraftRequest(
    string? Summary, IReadOnlyList<string> IncludedServices, IReadOnlyList<string> Locations, IReadOnlyList<string> Teams,
    IReadOnlyList<string> Systems, IReadOnlyList<ScopeExclusionDto> Exclusions, long Version);

public sealed record PublishScopeRequest(long Version);

public sealed record DecideAccessRequest(string? Note, long Version);

public sealed record ScopeListChanges(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, bool Any);

public sealed record ScopeChanges(
    bool SummaryChanged, ScopeListChanges IncludedServices, ScopeListChanges Locations, ScopeListChanges Teams, ScopeListChanges Systems,
    ScopeListChanges Exclusions, IReadOnlyList<string> ChangedJustifications, bool Any);

public sealed record ScopeDraftChangesDto(int? ComparedWithNumber, ScopeChanges Changes);

public sealed record CertificateFileDto(string FileName, string ContentType, long SizeBytes, string Sha256, DateTimeOffset UploadedAt);

public sealed record CertificateDto(
    Guid Id, string Standard, string CertificationBody, string? AccreditationBody, string CertificateNumber, DateOnly IssuedOn,
    DateOnly ExpiresOn, CertificateStatus Status, CertificateValidity Validity, Guid? ScopeVersionId, int? ScopeVersionNumber, int? SoaVersionNumber,
    CertificateFileDto? File, uint Version, DateTimeOffset UpdatedAt);

public sealed record SaveCertificateRequest(
    string Standard, string CertificationBody, string? AccreditationBody, string CertificateNumber, DateOnly IssuedOn, DateOnly ExpiresOn,
    CertificateStatus Status, Guid? ScopeVersionId, int? SoaVersionNumber, long Version);

public sealed record TrustProfileDto(
    string Slug, string CompanyName, string Summary, string? SecurityContact, bool HasLogo, bool PortalEnabled, bool ShowCertificates,
    bool ShowScope, bool ShowServices, bool ShowDocuments, IReadOnlyList<string> PublicServices, string NdaText, string PublicPath,
    int? SoaVersionNumber, DateTimeOffset? SoaPublishedAt, DateOnly? LastExternalAuditOn, uint Version, DateTimeOffset UpdatedAt);

public sealed record UpdateProfileRequest(
    string CompanyName, string? Summary, string? SecurityContact, bool PortalEnabled, bool ShowCertificates, bool ShowScope,
    bool ShowServices, bool ShowDocuments, IReadOnlyList<string> PublicServices, string? NdaText, long Version);

public sealed record TrustDocumentDto(
    Guid Id, string Title, string? Description, DocumentAccess Access, bool Published, string FileName, string ContentType, long SizeBytes,
    string Sha256, uint Version, DateTimeOffset UpdatedAt);

public sealed record DocumentDownloadDto(Guid Id, Guid DocumentId, Guid? AccessRequestId, string? Email, DateTimeOffset DownloadedAt, string? IpAddress, string? UserAgent);

public sealed record UpdateDocumentRequest(string Title, string? Description, DocumentAccess Access, bool Published, long Version);

public sealed record AccessRequestDto(
    Guid Id, Guid DocumentId, string DocumentTitle, string VisitorName, string Company, string Email, string AcceptedNdaText,
    DateTimeOffset RequestedAt, AccessRequestStatus Status, string? DecidedBy, string? DecidedByName, DateTimeOffset? DecidedAt, string? DecisionNote,
    DateTimeOffset? LinkExpiresAt, bool LinkUsed, uint Version);

public sealed record AccessApprovedDto(AccessRequestDto Request, string DownloadPath, DateTimeOffset ExpiresAt);

public sealed record ScopeWarning(ScopeWarningKind Kind, string Message, Guid? CertificateId, string? Subject);

public sealed record ScopeWarningsDto(IReadOnlyList<ScopeWarning> Warnings, DateOnly EvaluatedFor, int? LatestScopeVersion, DateOnly? LastExternalAuditOn);

/// <summary>trust-api through the gateway: scope, certificates, profile, documents, NDA requests, warnings.</summary>
public interface ITrustApi
{
    [Get("/api/trust/scope/versions")]
    Task<PagedResult<ScopeVersionSummaryDto>> ListScopeVersionsAsync(CancellationToken cancellationToken = default);

    [Get("/api/trust/scope/versions/{id}")]
    Task<ScopeVersionDto> GetScopeVersionAsync(Guid id, CancellationToken cancellationToken = default);

    [Get("/api/trust/scope/draft")]
    Task<IApiResponse<ScopeVersionDto>> GetScopeDraftAsync(CancellationToken cancellationToken = default);

    [Post("/api/trust/scope/draft")]
    Task<ScopeVersionDto> StartScopeDraftAsync(CancellationToken cancellationToken = default);

    [Put("/api/trust/scope/draft")]
    Task<ScopeVersionDto> UpdateScopeDraftAsync([Body] UpdateScopeDraftRequest request, CancellationToken cancellationToken = default);

    [Delete("/api/trust/scope/draft")]
    Task DiscardScopeDraftAsync(CancellationToken cancellationToken = default);

    [Get("/api/trust/scope/draft/changes")]
    Task<ScopeDraftChangesDto> CompareScopeDraftAsync(CancellationToken cancellationToken = default);

    [Post("/api/trust/scope/draft/publish")]
    Task<ScopeVersionDto> PublishScopeDraftAsync([Body] PublishScopeRequest request, CancellationToken cancellationToken = default);

    [Get("/api/trust/certificates")]
    Task<PagedResult<CertificateDto>> ListCertificatesAsync(CancellationToken cancellationToken = default);

    [Post("/api/trust/certificates")]
    Task<CertificateDto> CreateCertificateAsync([Body] SaveCertificateRequest request, CancellationToken cancellationToken = default);

    [Put("/api/trust/certificates/{id}")]
    Task<CertificateDto> UpdateCertificateAsync(Guid id, [Body] SaveCertificateRequest request, CancellationToken cancellationToken = default);

    [Delete("/api/trust/certificates/{id}")]
    Task DeleteCertificateAsync(Guid id, CancellationToken cancellationToken = default);

    [Get("/api/trust/profile")]
    Task<TrustProfileDto> GetProfileAsync(CancellationToken cancellationToken = default);

    [Put("/api/trust/profile")]
    Task<TrustProfileDto> UpdateProfileAsync([Body] UpdateProfileRequest request, CancellationToken cancellationToken = default);

    [Get("/api/trust/profile/preview")]
    Task<string> PreviewAsync(CancellationToken cancellationToken = default);

    [Get("/api/trust/documents")]
    Task<PagedResult<TrustDocumentDto>> ListDocumentsAsync(CancellationToken cancellationToken = default);

    [Multipart]
    [Post("/api/trust/documents")]
    Task<TrustDocumentDto> UploadDocumentAsync(
        [AliasAs("title")] string title, [AliasAs("description")] string? description, [AliasAs("access")] string access,
        [AliasAs("file")] StreamPart file, CancellationToken cancellationToken = default);

    /// <summary>Every recorded download of a document, newest first: who took it (an approved visitor or a public one) and when.</summary>
    [Get("/api/trust/documents/{id}/downloads")]
    Task<PagedResult<DocumentDownloadDto>> ListDocumentDownloadsAsync(Guid id, int page, int pageSize, CancellationToken cancellationToken = default);

    [Multipart]
    [Put("/api/trust/profile/logo")]
    Task<TrustProfileDto> UploadLogoAsync([AliasAs("file")] StreamPart file, CancellationToken cancellationToken = default);

    [Multipart]
    [Put("/api/trust/certificates/{id}/file")]
    Task<CertificateFileDto> UploadCertificateFileAsync(Guid id, [AliasAs("file")] StreamPart file, CancellationToken cancellationToken = default);

    /// <summary>A certificate's document (FileDownloads streams it to the browser unchanged).</summary>
    [Get("/api/trust/certificates/{id}/file")]
    Task<HttpResponseMessage> DownloadCertificateFileAsync(Guid id, CancellationToken cancellationToken = default);

    [Put("/api/trust/documents/{id}")]
    Task<TrustDocumentDto> UpdateDocumentAsync(Guid id, [Body] UpdateDocumentRequest request, CancellationToken cancellationToken = default);

    [Delete("/api/trust/documents/{id}")]
    Task DeleteDocumentAsync(Guid id, CancellationToken cancellationToken = default);

    [Get("/api/trust/access-requests")]
    Task<PagedResult<AccessRequestDto>> ListAccessRequestsAsync(CancellationToken cancellationToken = default);

    [Post("/api/trust/access-requests/{id}/approve")]
    Task<AccessApprovedDto> ApproveAccessRequestAsync(Guid id, [Body] DecideAccessRequest request, CancellationToken cancellationToken = default);

    [Post("/api/trust/access-requests/{id}/reject")]
    Task<AccessRequestDto> RejectAccessRequestAsync(Guid id, [Body] DecideAccessRequest request, CancellationToken cancellationToken = default);

    [Get("/api/trust/warnings")]
    Task<ScopeWarningsDto> GetWarningsAsync(CancellationToken cancellationToken = default);
}
