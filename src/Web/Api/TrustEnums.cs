namespace IsmsCloud.Web.Api;

// The web app's copies of trust-api's enums; like RiskEnums.cs, checked member for member by WebClientContractTests.

public enum ScopeVersionStatus
{
    Draft,
    Published,
}

public enum CertificateStatus
{
    Active,
    Suspended,
    Withdrawn,
}

public enum CertificateValidity
{
    Valid,
    NotYetValid,
    Expired,
    Suspended,
    Withdrawn,
}

public enum DocumentAccess
{
    Public,
    NdaGated,
}

public enum AccessRequestStatus
{
    Pending,
    Approved,
    Rejected,
}

public enum ScopeWarningKind
{
    PublicServiceOutsideScope,
    ScopeChangedAfterCertificate,
    CertificateWithoutScope,
    SoaChangedAfterCertificate,
    CertificateExpiresSoon,
    CertificateNotValid,
    NoRecentSurveillanceAudit,
    ConfidenceErosion,
}
