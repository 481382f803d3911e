using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Files;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Suppliers.Files;

/// <summary>A certificate's or agreement's file. The bytes live in the service's database, like trust-api's files.</summary>
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
    public required string UploadedBy { get; init; }
    [NotAudited]
    public required string UploadedByName { get; init; }
}

public sealed class SupplierOptions
{
    public const long DefaultMaxFileBytes = 10 * 1024 * 1024;
    public long MaxFileBytes { get; set; } = DefaultMaxFileBytes;
    public TimeSpan GapSweepInterval { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan QuestionnaireLinkLifetime { get; set; } = TimeSpan.FromDays(14);
}

/// <summary>Files arrive as a multipart part and go through the shared <see cref="FileUpload"/> pipeline (type by content, size, hash).</summary>
public static class FileUploads
{
    public static readonly FileKind[] Documents = [FileKind.Pdf, FileKind.Png, FileKind.Jpeg];

    public static async Task<(StoredFile? File, Dictionary<string, string[]> Errors)> ReadAsync(
        IFormFile? upload, string field, long maxBytes, ActorName uploadedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (upload is null || upload.Length == 0)
        {
            errors[field] = ["Choose a file to upload."];
            return (null, errors);
        }

        CheckedFile? file;
        string? error;
        await using (var stream = upload.OpenReadStream())
        {
            (file, error) = await FileUpload.ReadAsync(stream, upload.FileName, upload.Length, new UploadRules(Documents, maxBytes), cancellationToken);
        }

        if (file is null)
        {
            errors[field] = [error!];
            return (null, errors);
        }

        return (new StoredFile
        {
            FileName = file.FileName,
            ContentType = file.ContentType,
            SizeBytes = file.SizeBytes,
            Sha256 = file.Sha256,
            Content = file.Content,
            UploadedAt = now,
            UploadedBy = uploadedBy.Key,
            UploadedByName = uploadedBy.DisplayName,
        }, errors);
    }

    /// <summary>Adds <paramref name="next"/> and removes the file it replaces, in the same save; returns the id to point at.</summary>
    public static async Task<Guid> ReplaceAsync(this DbSet<StoredFile> files, Guid? previousId, StoredFile next, CancellationToken cancellationToken)
    {
        await files.RemoveAsync(previousId, cancellationToken);
        files.Add(next);
        return next.Id;
    }

    public static async Task RemoveAsync(this DbSet<StoredFile> files, Guid? id, CancellationToken cancellationToken)
    {
        if (id is { } fileId && await files.FirstOrDefaultAsync(f => f.Id == fileId, cancellationToken) is { } file)
        {
            files.Remove(file);
        }
    }
}
