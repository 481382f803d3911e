using System.Security.Cryptography;

namespace IsmsCloud.BuildingBlocks.Files;

/// <summary>What one kind of upload accepts.</summary>
/// <param name="Kinds">The kinds of content allowed, recognised from the bytes (<see cref="FileSignatures"/>).</param>
/// <param name="MaxBytes">The most that is read; a declared length is the client's word, this cap is ours.</param>
/// <param name="NameMustMatchContent">
/// True: the client's file name is kept (without its path) and its extension must agree with the content. False: the
/// name is only a hint, made header-safe and given the content's own extension (<see cref="FileUpload.SafeFileName"/>).
/// </param>
public sealed record UploadRules(IReadOnlyCollection<FileKind> Kinds, long MaxBytes, bool NameMustMatchContent = false);

/// <summary>An upload that passed its rules: what to store. <see cref="Sha256"/> is lower-case hex.</summary>
public sealed record CheckedFile(string FileName, FileKind Kind, string ContentType, byte[] Content, string Sha256)
{
    public long SizeBytes => Content.LongLength;
}

/// <summary>
/// The one upload pipeline behind every service's files: streams the content in with a size cap, hashes it (SHA-256) as
/// it arrives, decides its type from its bytes (never the client's Content-Type) and checks the name against it. How the
/// request carries the file (raw body, multipart part) is the endpoint's business; everything after is here.
/// </summary>
public static class FileUpload
{
    public const int MaxFileNameLength = 255;

    /// <summary>The file to store, or the reason it is refused (a sentence for the person who chose the file).</summary>
    public static async Task<(CheckedFile? File, string? Error)> ReadAsync(
        Stream content, string? fileName, long? declaredLength, UploadRules rules, CancellationToken cancellationToken)
    {
        var clientName = Path.GetFileName((fileName ?? "").Replace('\\', '/')).Trim();
        if (rules.NameMustMatchContent && clientName.Length is 0 or > MaxFileNameLength)
        {
            return (null, $"The file needs a name of at most {MaxFileNameLength} characters.");
        }

        if (declaredLength > rules.MaxBytes)
        {
            return (null, TooLarge(rules.MaxBytes));
        }

        var received = await ReadBoundedAsync(content, rules.MaxBytes, cancellationToken);
        if (received is null)
        {
            return (null, TooLarge(rules.MaxBytes));
        }

        var (bytes, sha256) = received.Value;
        if (bytes.Length == 0)
        {
            return (null, "The file is empty.");
        }

        var kind = FileSignatures.Detect(bytes);
        if (kind is not { } detected || !rules.Kinds.Contains(detected)
            || (rules.NameMustMatchContent && !FileSignatures.ExtensionsOf(detected).Contains(Path.GetExtension(clientName).ToLowerInvariant())))
        {
            return (null, Refused(rules));
        }

        var storedName = rules.NameMustMatchContent ? clientName : SafeFileName(clientName, detected);
        return (new CheckedFile(storedName, detected, FileSignatures.ContentTypeOf(detected), bytes, sha256), null);
    }

    /// <summary>A name safe to put in a Content-Disposition header: letters, digits, dot, dash, underscore; the real extension.</summary>
    public static string SafeFileName(string? name, FileKind kind)
    {
        var stem = Path.GetFileNameWithoutExtension(name ?? "");
        var safe = new string(stem.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.').Take(100).ToArray());
        return (safe.Length == 0 ? "file" : safe) + FileSignatures.ExtensionsOf(kind)[0];
    }

    private static string TooLarge(long maxBytes) => $"The file is larger than the limit of {maxBytes / (1024 * 1024)} MB.";

    private static string Refused(UploadRules rules) =>
        $"Only {string.Join(", ", rules.Kinds.Select(FileSignatures.LabelOf))} files are accepted"
        + (rules.NameMustMatchContent ? ", and the content must match the file's extension." : ".");

    private static async Task<(byte[] Content, string Sha256)?> ReadBoundedAsync(Stream stream, long maxBytes, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            // Given up as soon as the cap is passed, so an oversized body is never held whole.
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            hash.AppendData(chunk, 0, read);
            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
