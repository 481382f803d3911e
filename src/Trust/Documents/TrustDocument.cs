using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;

namespace IsmsCloud.Trust.Documents;

public enum DocumentAccess
{
    /// <summary>Anyone may download it from the portal.</summary>
    Public,
    /// <summary>Listed on the portal; a visitor must request access and accept the NDA, and the tenant approve.</summary>
    NdaGated,
}

/// <summary>A document the tenant offers on its portal (policy summary, pen-test letter, SOC report…).</summary>
public sealed class TrustDocument : ITenantOwned, IVersioned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    Guid IAudited.AuditRecordId => Id;
    public Guid TenantId { get; set; }
    public uint Version { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public DocumentAccess Access { get; set; }
    /// <summary>Only published documents appear on the portal.</summary>
    public bool Published { get; set; }
    public Guid FileId { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
