using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;

namespace IsmsCloud.Trust.Certificates;

/// <summary>A certificate issued to the tenant, with the scope and SoA versions it covers.</summary>
public sealed class Certificate : ITenantOwned, IVersioned, IAudited
{
    public const string Iso27001 = "ISO/IEC 27001:2022";

    public Guid Id { get; init; } = Guid.CreateVersion7();

    Guid IAudited.AuditRecordId => Id;
    public Guid TenantId { get; set; }
    public uint Version { get; set; }
    public required string Standard { get; set; }
    public required string CertificationBody { get; set; }
    public string? AccreditationBody { get; set; }
    public required string CertificateNumber { get; set; }
    public DateOnly IssuedOn { get; set; }
    public DateOnly ExpiresOn { get; set; }
    public CertificateStatus Status { get; set; }
    /// <summary>The published scope version the certificate covers (its number is kept beside it for display).</summary>
    public Guid? ScopeVersionId { get; set; }
    public int? ScopeVersionNumber { get; set; }
    public int? SoaVersionNumber { get; set; }
    public Guid? FileId { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public CertificateValidity ValidityOn(DateOnly today) => CertificateValidityRule.Evaluate(Status, IssuedOn, ExpiresOn, today);
}
