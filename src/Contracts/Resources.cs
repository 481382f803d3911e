namespace IsmsCloud.Contracts;

/// <summary>Resource names shared by the AppHost, the services and the tests, so a rename happens in one place.</summary>
public static class Resources
{
    public const string Identity = "identity-api";
    public const string Risk = "risk-api";
    public const string Reporting = "reporting-api";
    public const string Trust = "trust-api";
    public const string Audit = "audit-api";
    public const string Supplier = "supplier-api";
    public const string Gateway = "gateway";
    public const string Web = "web";

    public const string Postgres = "postgres";
    public const string RabbitMq = "rabbitmq";

    public const string IdentityDb = "identitydb";
    public const string RiskDb = "riskdb";
    public const string ReportingDb = "reportingdb";
    public const string TrustDb = "trustdb";
    public const string AuditDb = "auditdb";
    public const string SupplierDb = "supplierdb";
    public const string WebDb = "webdb";
}
