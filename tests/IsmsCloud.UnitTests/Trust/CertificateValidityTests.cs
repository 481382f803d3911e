using IsmsCloud.Trust.Certificates;

namespace IsmsCloud.UnitTests.Trust;

public sealed class CertificateValidityTests
{
    private static readonly DateOnly Issued = new(2025, 3, 1);
    private static readonly DateOnly Expires = new(2028, 2, 28);

    public static TheoryData<CertificateStatus, string, CertificateValidity> Cases => new()
    {
        // Active: the dates decide, both ends inclusive.
        { CertificateStatus.Active, "2025-02-28", CertificateValidity.NotYetValid },
        { CertificateStatus.Active, "2025-03-01", CertificateValidity.Valid },
        { CertificateStatus.Active, "2026-11-29", CertificateValidity.Valid },
        { CertificateStatus.Active, "2028-02-28", CertificateValidity.Valid },
        { CertificateStatus.Active, "2028-02-29", CertificateValidity.Expired },
        // Suspended is never valid; once past expiry it reads Expired (the more final fact).
        { CertificateStatus.Suspended, "2025-02-28", CertificateValidity.Suspended },
        { CertificateStatus.Suspended, "2026-11-29", CertificateValidity.Suspended },
        { CertificateStatus.Suspended, "2028-02-29", CertificateValidity.Expired },
        // Withdrawn beats everything.
        { CertificateStatus.Withdrawn, "2025-02-28", CertificateValidity.Withdrawn },
        { CertificateStatus.Withdrawn, "2026-11-29", CertificateValidity.Withdrawn },
        { CertificateStatus.Withdrawn, "2028-02-29", CertificateValidity.Withdrawn },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validity_is_computed_from_status_and_dates(CertificateStatus status, string today, CertificateValidity expected) =>
        Assert.Equal(expected, CertificateValidityRule.Evaluate(status, Issued, Expires, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Only_an_active_certificate_within_its_dates_is_ever_valid()
    {
        // Every status × a day before, in and after the validity window: Valid appears exactly once.
        var days = new[] { Issued.AddDays(-1), Issued, Expires, Expires.AddDays(1) };
        var valid = from status in Enum.GetValues<CertificateStatus>()
                    from day in days
                    where CertificateValidityRule.Evaluate(status, Issued, Expires, day) == CertificateValidity.Valid
                    select (status, day);

        Assert.Equal([(CertificateStatus.Active, Issued), (CertificateStatus.Active, Expires)], valid.ToList());
    }
}
