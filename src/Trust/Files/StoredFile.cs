using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Tenancy;

namespace IsmsCloud.Trust.Files;

/// <summary>
/// An uploaded file (certificate scan, logo, published document). The bytes live in the service's database for now
/// (bytea / varbinary(max)): files are few and at most <see cref="FileUploads.DefaultMaxBytes"/>; moving them to object
/// storage later changes this class and its reader, not the APIs.
/// </summary>
public sealed class StoredFile : ITenantOwned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    Guid IAudited.AuditRecordId => Id;
    public Guid TenantId { get; set; }
    public required string FileName { get; init; }
    /// <summary>Decided from the file's first bytes, never taken from the client.</summary>
    public required string ContentType { get; init; }
    public long SizeBytes { get; init; }
    /// <summary>SHA-256 of the bytes, lower-case hex.</summary>
    public required string Sha256 { get; init; }
    public required byte[] Content { get; init; }
    public DateTimeOffset UploadedAt { get; init; }
    /// <summary>The uploader's e-mail key (<see cref="ActorName.Key"/>), with the name beside it for display.</summary>
    public required string UploadedBy { get; init; }
    [NotAudited]
    public required string UploadedByName { get; init; }
}
