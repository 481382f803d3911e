using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.Trust.Certificates;
using IsmsCloud.Trust.Scope;
using IsmsCloud.Trust.Warnings;

namespace IsmsCloud.UnitTests.Trust;

public sealed class ScopeClarityTests
{
    private static readonly ActorName Tester = new("tester@acme.example", "Tester");
    private static readonly DateOnly Today = new(2026, 11, 29);
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    private static ScopeVersion Published(int number, IReadOnlyList<string> services, params ScopeExclusion[] exclusions)
    {
        var version = ScopeVersion.NewDraft(new ScopeContent("ISMS", services, [], [], [], exclusions), Now);
        version.Publish(number, Tester, Now);
        return version;
    }

    private static Certificate Certificate(int? scopeNumber, DateOnly? issued = null, DateOnly? expires = null, CertificateStatus status = CertificateStatus.Active) => new()
    {
        Standard = IsmsCloud.Trust.Certificates.Certificate.Iso27001,
        CertificationBody = "Body",
        CertificateNumber = "C-1",
        IssuedOn = issued ?? Today.AddMonths(-6),
        ExpiresOn = expires ?? Today.AddYears(2),
        Status = status,
        ScopeVersionNumber = scopeNumber,
    };

    private static IReadOnlyList<ScopeWarning> Evaluate(
        ScopeVersion? scope, IReadOnlyList<Certificate> certificates, IReadOnlyList<string>? services = null, bool shown = true, DateOnly? lastAudit = null) =>
        ScopeClarity.Evaluate(new ScopeClarityInput(services ?? [], shown, scope, certificates, lastAudit), Today);

    [Fact]
    public void A_consistent_portal_has_no_warnings()
    {
        var warnings = Evaluate(Published(1, ["Transfer"]), [Certificate(1)], ["Transfer"]);

        Assert.Empty(warnings);
    }

    [Fact]
    public void A_public_service_outside_the_scope_is_warned_about_and_an_excluded_one_names_the_reason()
    {
        var scope = Published(1, ["Transfer"], new ScopeExclusion("Consulting", "Separate business unit"));

        var warnings = Evaluate(scope, [Certificate(1)], ["transfer ", "Consulting", "Mobile app"]);

        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Equal(ScopeWarningKind.PublicServiceOutsideScope, w.Kind));
        Assert.Contains(warnings, w => w.Subject == "Consulting" && w.Message.Contains("Separate business unit", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Subject == "Mobile app");
    }

    [Fact]
    public void Services_not_shown_publicly_are_not_warned_about()
    {
        Assert.Empty(Evaluate(Published(1, ["Transfer"]), [Certificate(1)], ["Mobile app"], shown: false));
    }

    [Fact]
    public void A_scope_published_after_the_certificate_warns_that_it_covers_an_older_version()
    {
        var warning = Assert.Single(Evaluate(Published(2, ["Transfer"]), [Certificate(1)]));

        Assert.Equal(ScopeWarningKind.ScopeChangedAfterCertificate, warning.Kind);
        Assert.Contains("version 1", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, 3, true)]
    [InlineData(3, 3, false)]
    [InlineData(null, 3, false)]
    [InlineData(2, null, false)]
    public void A_certificate_covering_an_soa_version_superseded_by_a_newer_publication_is_warned_about(int? covered, int? latest, bool warned)
    {
        var certificate = Certificate(1);
        certificate.SoaVersionNumber = covered;

        var warnings = ScopeClarity.Evaluate(new ScopeClarityInput([], false, Published(1, ["Transfer"]), [certificate], null, LatestPublishedSoa: latest), Today);

        Assert.Equal(warned, warnings.Any(w => w.Kind == ScopeWarningKind.SoaChangedAfterCertificate
            && w.Message.Contains($"version {covered}, but version {latest}", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_certificate_without_a_scope_version_is_warned_about()
    {
        Assert.Equal(ScopeWarningKind.CertificateWithoutScope, Assert.Single(Evaluate(Published(1, ["Transfer"]), [Certificate(null)])).Kind);
    }

    [Theory]
    [InlineData(60, true)]
    [InlineData(0, true)]
    [InlineData(61, false)]
    public void Expiry_within_60_days_is_warned_about(int daysLeft, bool warned)
    {
        var warnings = Evaluate(Published(1, ["Transfer"]), [Certificate(1, expires: Today.AddDays(daysLeft))]);

        Assert.Equal(warned, warnings.Any(w => w.Kind == ScopeWarningKind.CertificateExpiresSoon));
    }

    [Fact]
    public void An_expired_or_suspended_certificate_is_reported_not_valid_and_not_as_expiring_soon()
    {
        var expired = Evaluate(Published(1, ["Transfer"]), [Certificate(1, expires: Today.AddDays(-1))]);
        var suspended = Evaluate(Published(1, ["Transfer"]), [Certificate(1, status: CertificateStatus.Suspended)]);

        Assert.Equal(ScopeWarningKind.CertificateNotValid, Assert.Single(expired).Kind);
        Assert.Equal(ScopeWarningKind.CertificateNotValid, Assert.Single(suspended).Kind);
    }

    [Fact]
    public void A_withdrawn_certificate_raises_nothing()
    {
        Assert.Empty(Evaluate(Published(2, ["Transfer"]), [Certificate(1, status: CertificateStatus.Withdrawn)]));
    }

    [Fact]
    public void No_surveillance_audit_in_12_months_is_warned_about_only_once_audit_events_exist()
    {
        var scope = Published(1, ["Transfer"]);
        var oldCertificate = Certificate(1, issued: Today.AddMonths(-20), expires: Today.AddMonths(16));

        Assert.Empty(Evaluate(scope, [oldCertificate], lastAudit: null));
        Assert.Equal(ScopeWarningKind.NoRecentSurveillanceAudit,
            Assert.Single(Evaluate(scope, [oldCertificate], lastAudit: Today.AddMonths(-13))).Kind);
        Assert.Empty(Evaluate(scope, [oldCertificate], lastAudit: Today.AddMonths(-11)));
        // A certificate issued within the year needs no surveillance audit yet.
        Assert.Empty(Evaluate(scope, [Certificate(1, issued: Today.AddMonths(-11))], lastAudit: Today.AddMonths(-30)));
    }

    [Fact]
    public void Confidence_erosion_from_reporting_is_warned_about_only_while_the_portal_shows_a_valid_certificate()
    {
        var scope = Published(1, ["Transfer"]);
        var erosion = new ConfidenceErosionReading(true, ["PaperControls", "PermanentExceptions"], Today);
        IReadOnlyList<ScopeWarning> With(ConfidenceErosionReading? reading, Certificate certificate) =>
            ScopeClarity.Evaluate(new ScopeClarityInput(["Transfer"], true, scope, [certificate], null, reading), Today);

        var warning = Assert.Single(With(erosion, Certificate(1)));
        Assert.Equal(ScopeWarningKind.ConfidenceErosion, warning.Kind);
        Assert.StartsWith("Certification evidence looks strong while operational ownership is weak", warning.Message, StringComparison.Ordinal);
        Assert.Contains("PaperControls, PermanentExceptions", warning.Message, StringComparison.Ordinal);

        Assert.Empty(With(erosion with { Active = false }, Certificate(1)));
        Assert.Empty(With(null, Certificate(1)));
        // The portal already says an expired certificate is not valid: no claim reads stronger than operations.
        Assert.Equal([ScopeWarningKind.CertificateNotValid],
            With(erosion, Certificate(1, issued: Today.AddYears(-3), expires: Today.AddDays(-1))).Select(w => w.Kind));
    }

    [Fact]
    public void The_web_apps_copy_of_the_warning_kinds_names_every_kind_the_api_sends()
    {
        // The workspace reads the kinds as an enum: a kind it does not know would fail the whole warnings page.
        Assert.Equal(Enum.GetNames<ScopeWarningKind>(), Enum.GetNames<IsmsCloud.Web.Api.ScopeWarningKind>());
    }
}
