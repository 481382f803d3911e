using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;

namespace IsmsCloud.Trust.Profile;

/// <summary>
/// The tenant's public trust profile: created at onboarding with the tenant's name and slug, everything private until
/// the tenant turns the portal and its sections on.
/// </summary>
public sealed class TrustProfile : ITenantOwned, IVersioned, IAudited
{
    public const string DefaultNdaText =
        "I will keep the documents I receive confidential, use them only to assess this company as a supplier, " +
        "and not pass them on to anyone outside my organisation.";

    public Guid Id { get; init; } = Guid.CreateVersion7();

    Guid IAudited.AuditRecordId => Id;
    public Guid TenantId { get; set; }
    public uint Version { get; set; }
    /// <summary>The tenant's slug: the portal's address is /trust/{slug}. Set at onboarding, never edited here.</summary>
    public required string Slug { get; init; }
    public required string CompanyName { get; set; }
    public string Summary { get; set; } = "";
    public string? SecurityContact { get; set; }
    public Guid? LogoFileId { get; set; }
    /// <summary>Off until the tenant decides to go public: a disabled portal answers 404 like an unknown one.</summary>
    public bool PortalEnabled { get; set; }
    public bool ShowCertificates { get; set; }
    public bool ShowScope { get; set; }
    public bool ShowServices { get; set; }
    public bool ShowDocuments { get; set; }
    /// <summary>The services the tenant advertises publicly; warned about when they are outside the certified scope.</summary>
    public List<string> PublicServices { get; set; } = [];
    public string NdaText { get; set; } = DefaultNdaText;
    public DateTimeOffset UpdatedAt { get; set; }
}
