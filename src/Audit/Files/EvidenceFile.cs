using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Tenancy;

namespace IsmsCloud.Audits.Files;

/// <summary>A closure evidence file of a corrective action, checked by the shared upload pipeline (type from its bytes, SHA-256).</summary>
public sealed class EvidenceFile : ITenantOwned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    Guid IAudited.AuditRecordId => ActionId;
    public Guid TenantId { get; set; }
    public Guid ActionId { get; init; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public long SizeBytes { get; init; }
    public required string Sha256 { get; init; }
    /// <summary>The bytes; the trail keeps their hash.</summary>
    [NotAudited]
    public required byte[] Content { get; init; }
    public required string UploadedBy { get; init; }
    public DateTimeOffset UploadedAt { get; init; }
}
