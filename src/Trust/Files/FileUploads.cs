using IsmsCloud.BuildingBlocks.Files;
using IsmsCloud.BuildingBlocks.Http;

namespace IsmsCloud.Trust.Files;

public sealed class TrustOptions
{
    public TimeSpan NdaLinkLifetime { get; set; } = TimeSpan.FromDays(7);
    /// <summary>How long a rendered public page may be served from the output cache (changes evict it at once).</summary>
    public TimeSpan PortalCacheLifetime { get; set; } = TimeSpan.FromMinutes(1);
    public long MaxFileBytes { get; set; } = FileUploads.DefaultMaxBytes;
}

/// <summary>
/// Trust-api's files arrive as a multipart part and go through the shared <see cref="FileUpload"/> pipeline. The
/// client's name is only a hint: the stored name gets the content's real extension.
/// </summary>
public static class FileUploads
{
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    public static readonly FileKind[] Documents = [FileKind.Pdf, FileKind.Png, FileKind.Jpeg];
    public static readonly FileKind[] Images = [FileKind.Png, FileKind.Jpeg];

    /// <summary>The file, or the field errors that explain why it was refused.</summary>
    public static async Task<(StoredFile? File, Dictionary<string, string[]> Errors)> ReadAsync(
        IFormFile? upload, string field, IReadOnlyCollection<FileKind> allowed, long maxBytes, ActorName uploadedBy, DateTimeOffset now,
        CancellationToken cancellationToken)
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
            (file, error) = await FileUpload.ReadAsync(stream, upload.FileName, upload.Length, new UploadRules(allowed, maxBytes), cancellationToken);
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
}
