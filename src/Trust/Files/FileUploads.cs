using System.Security.Cryptography;

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

        // Copied with a hard cap: the declared length is the client's word, the cap is ours.
        using var buffer = new MemoryStream((int)upload.Length);
        await using (var stream = upload.OpenReadStream())
        {
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    errors[field] = [$"The file is larger than {maxBytes / (1024 * 1024)} MB."];
                    return (null, errors);
                }

                buffer.Write(chunk, 0, read);
            }
        }

        var bytes = buffer.ToArray();
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
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Content = bytes,
            UploadedAt = now,
            UploadedBy = uploadedBy,
        }, errors);
    }

    /// <summary>The type the bytes really are: PDF ("%PDF-"), PNG (its 8-byte signature) or JPEG (FF D8 FF).</summary>
    public static FileKind? Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("%PDF-"u8))
        {
            return FileKind.Pdf;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return FileKind.Png;
        }

        return bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? FileKind.Jpeg : null;
    }

    public static string ContentTypeOf(FileKind kind) => kind switch
    {
        FileKind.Pdf => "application/pdf",
        FileKind.Png => "image/png",
        _ => "image/jpeg",
    };

    /// <summary>A name safe to put in a Content-Disposition header: letters, digits, dot, dash, underscore; the real extension.</summary>
    public static string SafeFileName(string? name, FileKind kind)
    {
        var stem = Path.GetFileNameWithoutExtension(name ?? "");
        var safe = new string(stem.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.').Take(100).ToArray());
        var extension = kind switch { FileKind.Pdf => ".pdf", FileKind.Png => ".png", _ => ".jpg" };
        return (safe.Length == 0 ? "file" : safe) + extension;
    }
}
