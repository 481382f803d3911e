using System.ComponentModel.DataAnnotations;

namespace IsmsCloud.Trust.Certificates;

public sealed record SaveCertificateRequest(
    [property: Required, StringLength(100, MinimumLength = 3)] string Standard,
    [property: Required, StringLength(200, MinimumLength = 2)] string CertificationBody,
    [property: StringLength(200)] string? AccreditationBody,
    [property: Required, StringLength(100, MinimumLength = 2)] string CertificateNumber,
    DateOnly IssuedOn,
    DateOnly ExpiresOn,
    CertificateStatus Status,
    Guid? ScopeVersionId,
    [property: Range(1, 100000)] int? SoaVersionNumber,
    // Ignored when adding; the version read when changing.
    [property: Range(0, uint.MaxValue)] long Version = 0);

public sealed record CertificateFileDto(string FileName, string ContentType, long SizeBytes, string Sha256, DateTimeOffset UploadedAt);

public sealed record CertificateDto(
    Guid Id,
    string Standard,
    string CertificationBody,
    string? AccreditationBody,
    string CertificateNumber,
    DateOnly IssuedOn,
    DateOnly ExpiresOn,
    CertificateStatus Status,
    CertificateValidity Validity,
    Guid? ScopeVersionId,
    int? ScopeVersionNumber,
    int? SoaVersionNumber,
    CertificateFileDto? File,
    uint Version,
    DateTimeOffset UpdatedAt)
{
    public static CertificateDto From(Certificate c, DateOnly today, CertificateFileDto? file) => new(
        c.Id, c.Standard, c.CertificationBody, c.AccreditationBody, c.CertificateNumber, c.IssuedOn, c.ExpiresOn, c.Status,
        c.ValidityOn(today), c.ScopeVersionId, c.ScopeVersionNumber, c.SoaVersionNumber, file, c.Version, c.UpdatedAt);
}
