using IsmsCloud.Trust.Certificates;
using IsmsCloud.Trust.Documents;
using IsmsCloud.Trust.Scope;

namespace IsmsCloud.Trust.Portal;

/// <summary>
/// Everything the public portal shows, and nothing else: the HTML page and trust.json are both rendered from this
/// one record, so they cannot disagree, and a field that is not here cannot leak.
/// </summary>
public sealed record PortalView(
    string Slug,
    string CompanyName,
    string Summary,
    string? SecurityContact,
    bool HasLogo,
    IReadOnlyList<PortalCertificate>? Certificates,
    PortalScope? Scope,
    IReadOnlyList<string>? Services,
    IReadOnlyList<PortalDocument>? Documents,
    PortalSoa? StatementOfApplicability,
    DateOnly ValidityDate,
    DateTimeOffset LastUpdated);

public sealed record PortalCertificate(
    string Standard,
    string CertificationBody,
    string? AccreditationBody,
    string CertificateNumber,
    DateOnly IssuedOn,
    DateOnly ExpiresOn,
    CertificateStatus RecordedStatus,
    CertificateValidity Validity,
    string ValidityText,
    int? ScopeVersionNumber,
    int? SoaVersionNumber);

public sealed record PortalScope(
    int VersionNumber,
    DateTimeOffset PublishedAt,
    bool CoveredByValidCertificate,
    string Summary,
    IReadOnlyList<string> IncludedServices,
    IReadOnlyList<string> Locations,
    IReadOnlyList<string> Teams,
    IReadOnlyList<string> Systems,
    IReadOnlyList<ScopeExclusion> Exclusions,
    PortalNewerScope? NewerUncertifiedVersion);

public sealed record PortalNewerScope(int VersionNumber, DateTimeOffset PublishedAt);

public sealed record PortalDocument(Guid Id, string Title, string? Description, DocumentAccess Access);

public sealed record PortalSoa(int VersionNumber, DateTimeOffset PublishedAt);
