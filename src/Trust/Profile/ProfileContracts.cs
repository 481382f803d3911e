using System.ComponentModel.DataAnnotations;

namespace IsmsCloud.Trust.Profile;

public sealed record UpdateProfileRequest(
    [property: Required, StringLength(200, MinimumLength = 2)] string CompanyName,
    [property: StringLength(4000)] string? Summary,
    [property: EmailAddress, StringLength(320)] string? SecurityContact,
    bool PortalEnabled,
    bool ShowCertificates,
    bool ShowScope,
    bool ShowServices,
    bool ShowDocuments,
    [property: MaxLength(50)] IReadOnlyList<string>? PublicServices,
    [property: StringLength(8000, MinimumLength = 20)] string? NdaText,
    [property: Range(0, uint.MaxValue)] long Version);

public sealed record TrustProfileDto(
    string Slug,
    string CompanyName,
    string Summary,
    string? SecurityContact,
    bool HasLogo,
    bool PortalEnabled,
    bool ShowCertificates,
    bool ShowScope,
    bool ShowServices,
    bool ShowDocuments,
    IReadOnlyList<string> PublicServices,
    string NdaText,
    string PublicPath,
    int? SoaVersionNumber,
    DateTimeOffset? SoaPublishedAt,
    DateOnly? LastExternalAuditOn,
    uint Version,
    DateTimeOffset UpdatedAt)
{
    public static TrustProfileDto From(TrustProfile p, TenantAssurance? a) => new(
        p.Slug, p.CompanyName, p.Summary, p.SecurityContact, p.LogoFileId is not null, p.PortalEnabled, p.ShowCertificates, p.ShowScope,
        p.ShowServices, p.ShowDocuments, p.PublicServices, p.NdaText, $"/trust/{p.Slug}", a?.SoaVersionNumber, a?.SoaPublishedAt,
        a?.LastExternalAuditOn, p.Version, p.UpdatedAt);
}
