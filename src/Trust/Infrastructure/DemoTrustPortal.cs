using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Trust.Certificates;
using IsmsCloud.Trust.Profile;
using IsmsCloud.Trust.Scope;

namespace IsmsCloud.Trust.Infrastructure;

/// <summary>
/// Development only (<c>Seed:DemoTrustPortal</c>, set in appsettings.Development.json): gives the demo tenant "acme"
/// a switched-on portal, a published scope with exclusions and a certificate, so the product can be explored after
/// the run command. Production never sets the flag.
/// </summary>
public sealed class DemoTrustPortal(TrustDbContext db, TimeProvider clock, IConfiguration configuration)
{
    public const string DemoSlug = "acme";

    public void PopulateIfDemo(TenantOnboarded message, TrustProfile profile)
    {
        if (!configuration.GetValue<bool>("Seed:DemoTrustPortal") || message.Slug != DemoSlug)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var today = clock.Today();
        profile.Summary = "Acme Cloud runs a managed file-transfer and backup service for mid-sized companies in Europe.";
        profile.SecurityContact = "security@acme.example";
        profile.PortalEnabled = profile.ShowCertificates = profile.ShowScope = profile.ShowServices = profile.ShowDocuments = true;
        profile.PublicServices = ["Acme Transfer", "Acme Backup", "Acme Consulting"];

        var scope = ScopeVersion.NewDraft(new ScopeContent(
            "The information security management system for the development, operation and support of Acme Transfer and Acme Backup.",
            ["Acme Transfer", "Acme Backup"],
            ["Head office, Utrecht (NL)", "Hosting region eu-west (Frankfurt)"],
            ["Engineering", "Operations", "Customer support"],
            ["Production platform", "Source code and CI/CD", "Corporate identity provider"],
            [
                new ScopeExclusion("Acme Consulting", "A separate business unit with its own staff and systems; not operated under this ISMS."),
                new ScopeExclusion("Physical security of the Frankfurt data centre", "Provided by the hosting provider and covered by its own ISO/IEC 27001 certificate."),
            ]), now);
        scope.Publish(1, ActorName.System, now);
        db.ScopeVersions.Add(scope);
        db.Certificates.Add(new Certificate
        {
            Standard = Certificate.Iso27001,
            CertificationBody = "Example Certification B.V.",
            AccreditationBody = "RvA (Dutch Accreditation Council)",
            CertificateNumber = "ISMS-ACME-0001",
            IssuedOn = today.AddMonths(-10),
            ExpiresOn = today.AddMonths(-10).AddYears(3).AddDays(-1),
            Status = CertificateStatus.Active,
            ScopeVersionId = scope.Id,
            ScopeVersionNumber = 1,
            // The demo tenant has published no Statement of Applicability: the certificate names none rather than a
            // version nobody published (issue 14).
            SoaVersionNumber = null,
            CreatedAt = now,
            UpdatedAt = now,
        });
    }
}
