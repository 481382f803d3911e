using IsmsCloud.BuildingBlocks.Time;

namespace IsmsCloud.Trust.Certificates;

/// <summary>The status a certification body gives a certificate; recorded by the tenant.</summary>
public enum CertificateStatus
{
    Active,
    Suspended,
    Withdrawn,
}

/// <summary>What a certificate is worth on a given day. Computed, never stored or typed in.</summary>
public enum CertificateValidity
{
    Valid,
    NotYetValid,
    Expired,
    Suspended,
    Withdrawn,
}

/// <summary>Domain rule 12: validity is computed from the dates and the recorded status.</summary>
public static class CertificateValidityRule
{
    /// <summary>
    /// A certificate is valid from its issue date through its expiry date (both inclusive, as printed on certificates),
    /// and only while Active. When several reasons apply the most final one is reported: Withdrawn, then Expired, then
    /// Suspended, then NotYetValid — so a suspended certificate that has also expired reads "Expired".
    /// </summary>
    public static CertificateValidity Evaluate(CertificateStatus status, DateOnly issuedOn, DateOnly expiresOn, DateOnly today)
    {
        if (status == CertificateStatus.Withdrawn)
        {
            return CertificateValidity.Withdrawn;
        }

        if (today > expiresOn)
        {
            return CertificateValidity.Expired;
        }

        if (status == CertificateStatus.Suspended)
        {
            return CertificateValidity.Suspended;
        }

        return today < issuedOn ? CertificateValidity.NotYetValid : CertificateValidity.Valid;
    }


    public static string Describe(CertificateValidity validity) => validity switch
    {
        CertificateValidity.Valid => "Valid",
        CertificateValidity.NotYetValid => "Not yet valid",
        CertificateValidity.Expired => "Expired",
        CertificateValidity.Suspended => "Suspended",
        CertificateValidity.Withdrawn => "Withdrawn",
        _ => validity.ToString(),
    };
}
