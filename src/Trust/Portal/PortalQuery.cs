using IsmsCloud.Trust.Certificates;
using IsmsCloud.Trust.Infrastructure;
using IsmsCloud.Trust.Profile;
using IsmsCloud.Trust.Scope;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Trust.Portal;

/// <summary>Builds the <see cref="PortalView"/> of the current tenant (set by <see cref="PortalTenants.EnterAsync"/>).</summary>
public static class PortalQuery
{
    /// <param name="preview">The tenant's own preview: shows the page even while the portal is switched off.</param>
    public static async Task<PortalView?> LoadAsync(TrustDbContext db, DateOnly today, bool preview, CancellationToken cancellationToken)
    {
        var profile = await db.Profiles.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (profile is null || (!profile.PortalEnabled && !preview))
        {
            return null;
        }

        var lastUpdated = profile.UpdatedAt;
        var certificates = await db.Certificates.AsNoTracking()
            .OrderByDescending(c => c.ExpiresOn).ThenBy(c => c.CertificateNumber).ToListAsync(cancellationToken);
        var published = await db.ScopeVersions.AsNoTracking()
            .Where(s => s.Status == ScopeVersionStatus.Published)
            .OrderByDescending(s => s.Number).ToListAsync(cancellationToken);
        var assurance = await db.Assurance.AsNoTracking().FirstOrDefaultAsync(cancellationToken);

        List<PortalCertificate>? shownCertificates = null;
        if (profile.ShowCertificates)
        {
            shownCertificates = certificates.Select(c => ToPortal(c, today)).ToList();
            lastUpdated = Max(lastUpdated, certificates.Select(c => c.UpdatedAt));
        }

        PortalScope? scope = null;
        if (profile.ShowScope && published.Count > 0)
        {
            scope = ScopeToShow(certificates, published, today);
            lastUpdated = Max(lastUpdated, published.Select(s => s.PublishedAt ?? s.UpdatedAt));
        }

        List<PortalDocument>? documents = null;
        if (profile.ShowDocuments)
        {
            var rows = await db.Documents.AsNoTracking().Where(d => d.Published)
                .OrderBy(d => d.Title).ToListAsync(cancellationToken);
            documents = rows.Select(d => new PortalDocument(d.Id, d.Title, d.Description, d.Access)).ToList();
            lastUpdated = Max(lastUpdated, rows.Select(d => d.UpdatedAt));
        }

        var soa = profile.ShowCertificates && assurance is { SoaVersionNumber: { } soaNumber, SoaPublishedAt: { } soaAt }
            ? new PortalSoa(soaNumber, soaAt)
            : null;

        return new PortalView(
            profile.Slug, profile.CompanyName, profile.Summary, profile.SecurityContact, profile.LogoFileId is not null,
            shownCertificates, scope, profile.ShowServices ? profile.PublicServices : null, documents, soa, today, lastUpdated);
    }

    public static PortalCertificate ToPortal(Certificate c, DateOnly today)
    {
        var validity = c.ValidityOn(today);
        return new PortalCertificate(c.Standard, c.CertificationBody, c.AccreditationBody, c.CertificateNumber, c.IssuedOn, c.ExpiresOn,
            c.Status, validity, CertificateValidityRule.Describe(validity), c.ScopeVersionNumber, c.SoaVersionNumber);
    }

    /// <summary>
    /// The scope a visitor should read: the version a currently valid certificate covers (what is actually certified);
    /// failing that, the latest published version, marked as not covered. A newer published version than the certified
    /// one is mentioned, not shown as certified.
    /// </summary>
    private static PortalScope ScopeToShow(IReadOnlyList<Certificate> certificates, IReadOnlyList<ScopeVersion> published, DateOnly today)
    {
        var latest = published[0];
        var certifiedNumber = certificates
            .Where(c => c.ValidityOn(today) == CertificateValidity.Valid && c.ScopeVersionNumber is not null)
            .Select(c => c.ScopeVersionNumber!.Value)
            .DefaultIfEmpty()
            .Max();
        var certified = published.FirstOrDefault(s => s.Number == certifiedNumber);
        var shown = certified ?? latest;
        var content = shown.Content;
        var newer = certified is not null && latest.Number > certified.Number
            ? new PortalNewerScope(latest.Number!.Value, latest.PublishedAt!.Value)
            : null;
        return new PortalScope(shown.Number!.Value, shown.PublishedAt!.Value, certified is not null, content.Summary,
            content.IncludedServices, content.Locations, content.Teams, content.Systems, content.Exclusions, newer);
    }

    private static DateTimeOffset Max(DateTimeOffset current, IEnumerable<DateTimeOffset> others) =>
        others.Aggregate(current, (a, b) => a > b ? a : b);
}
