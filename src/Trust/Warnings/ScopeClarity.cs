using IsmsCloud.Trust.Certificates;
using IsmsCloud.Trust.Scope;

namespace IsmsCloud.Trust.Warnings;

public enum ScopeWarningKind
{
    /// <summary>A service the portal lists publicly is not in the certified scope (or is explicitly excluded).</summary>
    PublicServiceOutsideScope,
    /// <summary>The scope was published again after the certificate was issued: it covers an older version.</summary>
    ScopeChangedAfterCertificate,
    /// <summary>The certificate covers no published scope version at all.</summary>
    CertificateWithoutScope,
    /// <summary>A newer Statement of Applicability was published after the one the certificate covers.</summary>
    SoaChangedAfterCertificate,
    /// <summary>A currently valid certificate expires within <see cref="ScopeClarity.ExpiryWarningDays"/> days.</summary>
    CertificateExpiresSoon,
    /// <summary>The certificate has expired, is suspended or is withdrawn, and the portal says so.</summary>
    CertificateNotValid,
    /// <summary>Audit events exist, yet no external audit was recorded within the last 12 months.</summary>
    NoRecentSurveillanceAudit,
    /// <summary>A valid certificate while two or more failure patterns are active (reporting's confidence erosion).</summary>
    ConfidenceErosion,
}

public sealed record ScopeWarning(ScopeWarningKind Kind, string Message, Guid? CertificateId = null, string? Subject = null);

public sealed record ScopeClarityInput(
    IReadOnlyList<string> PublicServices,
    bool ServicesShownPublicly,
    ScopeVersion? LatestPublishedScope,
    IReadOnlyList<Certificate> Certificates,
    DateOnly? LastExternalAuditOn,
    ConfidenceErosionReading? ConfidenceErosion = null,
    int? LatestPublishedSoa = null);

/// <summary>What reporting-api last said about confidence erosion, and as of which day.</summary>
public sealed record ConfidenceErosionReading(bool Active, IReadOnlyList<string> ActivePatterns, DateOnly AsOf);

/// <summary>
/// Domain rule 12: warns the tenant where the portal's claims outrun the certified scope. A pure function of what is
/// recorded and today's date, so it is tested without a database.
/// </summary>
public static class ScopeClarity
{
    public const int ExpiryWarningDays = 60;
    public const int SurveillanceIntervalMonths = 12;

    public static IReadOnlyList<ScopeWarning> Evaluate(ScopeClarityInput input, DateOnly today)
    {
        var warnings = new List<ScopeWarning>();
        var scope = input.LatestPublishedScope;
        var live = input.Certificates.Where(c => c.Status != CertificateStatus.Withdrawn).ToList();

        if (input.ServicesShownPublicly)
        {
            foreach (var service in input.PublicServices.Where(s => !string.IsNullOrWhiteSpace(s)))
            {
                if (scope is null || !scope.Content.Includes(service))
                {
                    var excluded = scope?.Content.ExclusionOf(service);
                    warnings.Add(new ScopeWarning(ScopeWarningKind.PublicServiceOutsideScope,
                        excluded is not null
                            ? $"“{service}” is listed on the portal but explicitly excluded from the certified scope ({excluded.Justification})."
                            : $"“{service}” is listed on the portal but is not among the services in the published scope.",
                        Subject: service));
                }
            }
        }

        foreach (var certificate in live)
        {
            var validity = certificate.ValidityOn(today);
            if (certificate.ScopeVersionNumber is not { } covered)
            {
                warnings.Add(new ScopeWarning(ScopeWarningKind.CertificateWithoutScope,
                    $"Certificate {certificate.CertificateNumber} is not linked to a published scope version.", certificate.Id));
            }
            else if (scope?.Number is { } latest && latest > covered)
            {
                warnings.Add(new ScopeWarning(ScopeWarningKind.ScopeChangedAfterCertificate,
                    $"Certificate {certificate.CertificateNumber} covers scope version {covered}, but version {latest} has been published since; the portal shows the certified version's scope.",
                    certificate.Id));
            }

            if (certificate.SoaVersionNumber is { } coveredSoa && input.LatestPublishedSoa is { } latestSoa && latestSoa > coveredSoa)
            {
                warnings.Add(new ScopeWarning(ScopeWarningKind.SoaChangedAfterCertificate,
                    $"Certificate {certificate.CertificateNumber} covers Statement of Applicability version {coveredSoa}, but version {latestSoa} has been published since; the portal names the certified version.",
                    certificate.Id));
            }

            if (validity == CertificateValidity.Valid && certificate.ExpiresOn.DayNumber - today.DayNumber <= ExpiryWarningDays)
            {
                var days = certificate.ExpiresOn.DayNumber - today.DayNumber;
                warnings.Add(new ScopeWarning(ScopeWarningKind.CertificateExpiresSoon,
                    $"Certificate {certificate.CertificateNumber} expires on {certificate.ExpiresOn:yyyy-MM-dd}, in {days} day{(days == 1 ? "" : "s")}.",
                    certificate.Id));
            }
            else if (validity is CertificateValidity.Expired or CertificateValidity.Suspended)
            {
                warnings.Add(new ScopeWarning(ScopeWarningKind.CertificateNotValid,
                    $"Certificate {certificate.CertificateNumber} is {CertificateValidityRule.Describe(validity).ToLowerInvariant()}; the portal shows it as such.",
                    certificate.Id));
            }

            if (validity == CertificateValidity.Valid && input.LastExternalAuditOn is { } lastAudit)
            {
                // The certification audit itself counts at issue; after that a surveillance audit is due every 12 months.
                var lastEvidence = lastAudit > certificate.IssuedOn ? lastAudit : certificate.IssuedOn;
                if (lastEvidence.AddMonths(SurveillanceIntervalMonths) < today)
                {
                    warnings.Add(new ScopeWarning(ScopeWarningKind.NoRecentSurveillanceAudit,
                        $"No surveillance audit has been recorded since {lastEvidence:yyyy-MM-dd} for certificate {certificate.CertificateNumber}.",
                        certificate.Id));
                }
            }
        }

        // Reporting decides erosion with the certificates it knows; the portal's own must be valid too, or the portal
        // already says the certificate is not valid and does not read stronger than operations.
        if (input.ConfidenceErosion is { Active: true } erosion && live.Any(c => c.ValidityOn(today) == CertificateValidity.Valid))
        {
            warnings.Add(new ScopeWarning(ScopeWarningKind.ConfidenceErosion,
                $"Certification evidence looks strong while operational ownership is weak: the portal shows a valid certificate while {erosion.ActivePatterns.Count} failure patterns are active ({string.Join(", ", erosion.ActivePatterns)}; signals as of {erosion.AsOf:yyyy-MM-dd})."));
        }

        return warnings;
    }
}
