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

    /// <summary>The file-name extensions a file of this kind may carry; the first is the one it is given.</summary>
    public static IReadOnlyList<string> ExtensionsOf(FileKind kind) => kind switch
    {
        FileKind.Pdf => [".pdf"],
        FileKind.Png => [".png"],
        FileKind.Jpeg => [".jpg", ".jpeg"],
        // Office documents (docx, xlsx, pptx) are ZIP containers.
        FileKind.Zip => [".zip", ".docx", ".xlsx", ".pptx"],
        _ => [".txt", ".csv", ".log", ".json", ".md"],
    };

    /// <summary>How the kind is named to a person choosing a file.</summary>
    public static string LabelOf(FileKind kind) => kind switch
    {
        FileKind.Zip => "Office/ZIP",
        FileKind.Text => "UTF-8 text",
        _ => kind.ToString().ToUpperInvariant(),
    };

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
