using System.Security.Cryptography;
using System.Text;

namespace IsmsCloud.Risk.Evidence;

public sealed class AttachmentOptions
{
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;
}

public sealed record ReceivedAttachment(string FileName, string ContentType, byte[] Content, string Sha256);

/// <summary>
/// Reads an uploaded file: stops as soon as it exceeds the size limit, hashes it while it streams in, and decides the
/// type from the bytes themselves (magic numbers, or valid UTF-8 text), never from the name or the declared type.
/// </summary>
public static class Attachments
{
    private static readonly (string Type, string[] Extensions, byte[] Magic)[] Signatures =
    [
        ("application/pdf", [".pdf"], "%PDF-"u8.ToArray()),
        ("image/png", [".png"], [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ("image/jpeg", [".jpg", ".jpeg"], [0xFF, 0xD8, 0xFF]),
        // Office documents (docx, xlsx, pptx) are ZIP containers.
        ("application/zip", [".docx", ".xlsx", ".pptx", ".zip"], [0x50, 0x4B, 0x03, 0x04]),
    ];

    private static readonly string[] TextExtensions = [".txt", ".csv", ".log", ".json", ".md"];

    /// <summary>The attachment, or the reason it is refused.</summary>
    public static async Task<(ReceivedAttachment? Attachment, string? Error)> ReadAsync(
        Stream body, string fileName, long maxBytes, CancellationToken cancellationToken)
    {
        var safeName = Path.GetFileName(fileName.Replace('\\', '/')).Trim();
        if (safeName.Length is 0 or > 255)
        {
            return (null, "The file needs a name of at most 255 characters.");
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, $"The file is larger than the limit of {maxBytes / (1024 * 1024)} MB.");
            }

            hash.AppendData(chunk, 0, read);
            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return (null, "The file is empty.");
        }

        var content = buffer.ToArray();
        var type = Detect(content, Path.GetExtension(safeName).ToLowerInvariant());
        if (type is null)
        {
            return (null, "Only PDF, PNG, JPEG, Office/ZIP documents and UTF-8 text files are accepted, and the content must match the file's extension.");
        }

        return (new ReceivedAttachment(safeName, type, content, Convert.ToHexStringLower(hash.GetHashAndReset())), null);
    }

    /// <summary>The content type when the bytes are of an allowed kind that matches the extension; otherwise null.</summary>
    public static string? Detect(ReadOnlySpan<byte> content, string extension)
    {
        foreach (var (type, extensions, magic) in Signatures)
        {
            if (content.StartsWith(magic))
            {
                return extensions.Contains(extension) ? type : null;
            }
        }

        return TextExtensions.Contains(extension) && IsText(content) ? "text/plain" : null;
    }

    private static bool IsText(ReadOnlySpan<byte> content)
    {
        if (content.Contains((byte)0))
        {
            return false;
        }

        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(content);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
