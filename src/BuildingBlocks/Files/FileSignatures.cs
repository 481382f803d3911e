using System.Security.Cryptography;
using System.Text;

namespace IsmsCloud.BuildingBlocks.Files;

/// <summary>The kinds of uploaded file the services accept, recognised by their content.</summary>
public enum FileKind
{
    Pdf,
    Png,
    Jpeg,
    /// <summary>A ZIP container: also docx, xlsx and pptx.</summary>
    Zip,
    /// <summary>UTF-8 text without NUL bytes (txt, csv, log, json…).</summary>
    Text,
}

/// <summary>
/// What a file really is, from its bytes: magic numbers for the binary kinds, valid UTF-8 for text. A client's file
/// name and Content-Type are never trusted for this.
/// </summary>
public static class FileSignatures
{
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

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return FileKind.Jpeg;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]))
        {
            return FileKind.Zip;
        }

        return !bytes.IsEmpty && IsText(bytes) ? FileKind.Text : null;
    }

    public static string ContentTypeOf(FileKind kind) => kind switch
    {
        FileKind.Pdf => "application/pdf",
        FileKind.Png => "image/png",
        FileKind.Jpeg => "image/jpeg",
        FileKind.Zip => "application/zip",
        _ => "text/plain",
    };

    private static bool IsText(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Contains((byte)0))
        {
            return false;
        }

        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}

/// <summary>The bytes of an upload that stayed within its limit, and their SHA-256 (lower-case hex).</summary>
public sealed record BoundedContent(byte[] Content, string Sha256);

public static class BoundedUpload
{
    /// <summary>
    /// Reads a stream to its end, hashing as it goes, and gives up as soon as it passes <paramref name="maxBytes"/>
    /// (null): a declared length is the client's word, this cap is ours.
    /// </summary>
    public static async Task<BoundedContent?> ReadAsync(Stream stream, long maxBytes, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            hash.AppendData(chunk, 0, read);
            buffer.Write(chunk, 0, read);
        }

        return new BoundedContent(buffer.ToArray(), Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
