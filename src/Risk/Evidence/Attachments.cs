using IsmsCloud.BuildingBlocks.Files;

namespace IsmsCloud.Risk.Evidence;

public sealed class AttachmentOptions
{
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;
}

public sealed record ReceivedAttachment(string FileName, string ContentType, byte[] Content, string Sha256);

/// <summary>
/// Reads an evidence file: stops as soon as it exceeds the size limit, hashes it while it streams in, and decides the
/// type from the bytes themselves (<see cref="FileSignatures"/>); the extension must agree with what the bytes are.
/// </summary>
public static class Attachments
{
    private static readonly Dictionary<FileKind, string[]> Extensions = new()
    {
        [FileKind.Pdf] = [".pdf"],
        [FileKind.Png] = [".png"],
        [FileKind.Jpeg] = [".jpg", ".jpeg"],
        // Office documents (docx, xlsx, pptx) are ZIP containers.
        [FileKind.Zip] = [".docx", ".xlsx", ".pptx", ".zip"],
        [FileKind.Text] = [".txt", ".csv", ".log", ".json", ".md"],
    };

    /// <summary>The attachment, or the reason it is refused.</summary>
    public static async Task<(ReceivedAttachment? Attachment, string? Error)> ReadAsync(
        Stream body, string fileName, long maxBytes, CancellationToken cancellationToken)
    {
        var safeName = Path.GetFileName(fileName.Replace('\\', '/')).Trim();
        if (safeName.Length is 0 or > 255)
        {
            return (null, "The file needs a name of at most 255 characters.");
        }

        var received = await BoundedUpload.ReadAsync(body, maxBytes, cancellationToken);
        if (received is null)
        {
            return (null, $"The file is larger than the limit of {maxBytes / (1024 * 1024)} MB.");
        }

        if (received.Content.Length == 0)
        {
            return (null, "The file is empty.");
        }

        var type = Detect(received.Content, Path.GetExtension(safeName).ToLowerInvariant());
        return type is null
            ? (null, "Only PDF, PNG, JPEG, Office/ZIP documents and UTF-8 text files are accepted, and the content must match the file's extension.")
            : (new ReceivedAttachment(safeName, type, received.Content, received.Sha256), null);
    }

    /// <summary>The content type when the bytes are of an allowed kind that matches the extension; otherwise null.</summary>
    public static string? Detect(ReadOnlySpan<byte> content, string extension) =>
        FileSignatures.Detect(content) is { } kind && Extensions[kind].Contains(extension) ? FileSignatures.ContentTypeOf(kind) : null;
}
