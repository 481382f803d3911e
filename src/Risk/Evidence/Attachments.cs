using IsmsCloud.BuildingBlocks.Files;

namespace IsmsCloud.Risk.Evidence;

public sealed class AttachmentOptions
{
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;
}

/// <summary>
/// The rules of an evidence file (rule 5), read through the shared <see cref="FileUpload"/> pipeline: documents, images,
/// Office files and text, and the client's name is kept, so its extension must agree with what the bytes are.
/// </summary>
public static class Attachments
{
    private static readonly FileKind[] Kinds = [FileKind.Pdf, FileKind.Png, FileKind.Jpeg, FileKind.Zip, FileKind.Text];

    /// <summary>The attachment, or the reason it is refused.</summary>
    public static Task<(CheckedFile? Attachment, string? Error)> ReadAsync(
        Stream body, string fileName, long maxBytes, CancellationToken cancellationToken) =>
        FileUpload.ReadAsync(body, fileName, declaredLength: null, new UploadRules(Kinds, maxBytes, NameMustMatchContent: true), cancellationToken);
}
