namespace IsmsCloud.Web.Api;

// The web app's copies of risk-api's enums. They travel by name, so a member risk-api adds and this copy lacks would
// fail every response that carries it: WebClientContractTests compares the members.

public enum RiskSort
{
    Newest,
    Title,
    ResidualDescending,
    InherentDescending,
    NextReview,
    Owner,
}

public enum RiskBand
{
    Low,
    Medium,
    High,
    Critical,
}

public enum RiskStatus
{
    Open,
    InTreatment,
    AcceptancePending,
    Accepted,
}

public enum TreatmentDecision
{
    Treat,
    Accept,
    Transfer,
    Avoid,
}

public enum TreatmentActionStatus
{
    Planned,
    InProgress,
    Done,
    Cancelled,
}

public enum AcceptanceStatus
{
    Active,
    Expired,
    Revoked,
}

public enum ControlTheme
{
    Organizational,
    People,
    Physical,
    Technological,
    Custom,
}

public enum ImplementationStatus
{
    NotImplemented,
    Planned,
    PartiallyImplemented,
    Implemented,
}

public enum ApplicabilityFilter
{
    Applicable,
    NotApplicable,
    Undecided,
}

public enum EvidenceSource
{
    Manual,
    Link,
    Integration,
}

public enum EvidenceFreshness
{
    NotRequired,
    Fresh,
    Stale,
    Missing,
}

public enum ExceptionStatus
{
    Requested,
    Approved,
    Rejected,
    Expired,
    Closed,
}

public enum AssetType
{
    Information,
    Service,
    System,
    Device,
    People,
    SupplierProvided,
    AiSystem,
}

public enum Classification
{
    Public,
    Internal,
    Confidential,
    Restricted,
}

public enum IncidentSeverity
{
    Low,
    Medium,
    High,
    Critical,
}

public enum IncidentStatus
{
    Open,
    Resolved,
    Closed,
}

public enum ControlRole
{
    Failed,
    Helped,
}
