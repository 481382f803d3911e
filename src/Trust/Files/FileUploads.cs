using IsmsCloud.BuildingBlocks.Files;

namespace IsmsCloud.Trust.Files;

public sealed class TrustOptions
{
    public TimeSpan NdaLinkLifetime { get; set; } = TimeSpan.FromDays(7);
    /// <summary>How long a rendered public page may be served from the output cache (changes evict it at once).</summary>
    public TimeSpan PortalCacheLifetime { get; set; } = TimeSpan.FromMinutes(1);
    public long MaxFileBytes { get; set; } = FileUploads.DefaultMaxBytes;
}

/// <summary>
/// Reads an uploaded file with a size limit, decides its type from its magic bytes (the client's Content-Type and file
/// name are not trusted) and hashes it.
/// </summary>
public static class FileUploads
{
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    public static readonly FileKind[] Documents = [FileKind.Pdf, FileKind.Png, FileKind.Jpeg];
    public static readonly FileKind[] Images = [FileKind.Png, FileKind.Jpeg];

    /// <summary>The file, or the field errors that explain why it was refused.</summary>
    public static async Task<(StoredFile? File, Dictionary<string, string[]> Errors)> ReadAsync(
        IFormFile? upload, string field, IReadOnlyCollection<FileKind> allowed, long maxBytes, string uploadedBy, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (upload is null || upload.Length == 0)
        {
            errors[field] = ["Choose a file to upload."];
            return (null, errors);
        }

        if (upload.Length > maxBytes)
        {
            errors[field] = [$"The file is larger than {maxBytes / (1024 * 1024)} MB."];
            return (null, errors);
        }

        BoundedContent? received;
        await using (var stream = upload.OpenReadStream())
        {
            received = await BoundedUpload.ReadAsync(stream, maxBytes, cancellationToken);
        }

        if (received is null)
        {
            errors[field] = [$"The file is larger than {maxBytes / (1024 * 1024)} MB."];
            return (null, errors);
        }

        var bytes = received.Content;
        var kind = Detect(bytes);
        if (kind is null || !allowed.Contains(kind.Value))
        {
            errors[field] = [$"Only {string.Join(", ", allowed.Select(k => k.ToString().ToUpperInvariant()))} files are accepted."];
            return (null, errors);
        }

        return (new StoredFile
        {
            FileName = SafeFileName(upload.FileName, kind.Value),
            ContentType = ContentTypeOf(kind.Value),
            SizeBytes = bytes.LongLength,
            Sha256 = received.Sha256,
            Content = bytes,
            UploadedAt = now,
            UploadedBy = uploadedBy,
        }, errors);
    }

    /// <summary>The type the bytes really are, among the kinds trust-api stores: PDF, PNG or JPEG (see <see cref="FileSignatures"/>).</summary>
    public static FileKind? Detect(ReadOnlySpan<byte> bytes)
    {
        var kind = FileSignatures.Detect(bytes);
        return kind is FileKind.Pdf or FileKind.Png or FileKind.Jpeg ? kind : null;
    }

    public static string ContentTypeOf(FileKind kind) => FileSignatures.ContentTypeOf(kind);

    /// <summary>A name safe to put in a Content-Disposition header: letters, digits, dot, dash, underscore; the real extension.</summary>
    public static string SafeFileName(string? name, FileKind kind)
    {
        var stem = Path.GetFileNameWithoutExtension(name ?? "");
        var safe = new string(stem.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.').Take(100).ToArray());
        var extension = kind switch { FileKind.Pdf => ".pdf", FileKind.Png => ".png", _ => ".jpg" };
        return (safe.Length == 0 ? "file" : safe) + extension;
    }
}
