using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;

namespace IsmsCloud.Suppliers.Certificates;

/// <summary>What a supplier holds: certificates (ISO/IEC 27001, SOC 2 type 1 and 2) and agreements (DPA, contract).</summary>
public enum CertificateKind
{
    Iso27001,
    Soc2Type1,
    Soc2Type2,
    Dpa,
    Contract,
}

public enum CertificateValidity
{
    Valid,
    NotYetValid,
    Expired,
}

/// <summary>
/// A certificate or agreement a supplier holds, with its issuer, the days it is valid (both inclusive) and its file.
/// Validity and expiry are computed from the dates, never typed in.
/// </summary>
public sealed class SupplierCertificate : ITenantOwned, IVersioned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    Guid IAudited.AuditRecordId => Id;
    public Guid TenantId { get; set; }
    public uint Version { get; set; }
    public Guid SupplierId { get; init; }
    public CertificateKind Kind { get; set; }
    public required string Issuer { get; set; }
    public string? Reference { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly ValidUntil { get; set; }
    public Guid? FileId { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsCertificate => Kinds.IsCertificate(Kind);

    public CertificateValidity ValidityOn(DateOnly day) => Kinds.ValidityOn(ValidFrom, ValidUntil, day);

    /// <summary>Days until the last valid day (0 on it), or a negative number of days since it passed.</summary>
    public int DaysToExpiry(DateOnly day) => ValidUntil.DayNumber - day.DayNumber;
}

public static class Kinds
{
    /// <summary>DPAs and contracts are agreements: kept and shown, but not certificates for signal 5.</summary>
    public static bool IsCertificate(CertificateKind kind) => kind is CertificateKind.Iso27001 or CertificateKind.Soc2Type1 or CertificateKind.Soc2Type2;

    public static CertificateValidity ValidityOn(DateOnly validFrom, DateOnly validUntil, DateOnly day) =>
        day > validUntil ? CertificateValidity.Expired : day < validFrom ? CertificateValidity.NotYetValid : CertificateValidity.Valid;
}
