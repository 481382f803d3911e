using System.Security.Cryptography;
using System.Text;
using IsmsCloud.Risk.Evidence;

namespace IsmsCloud.UnitTests.Risk;

/// <summary>Rule 5's attachment checks: the type comes from the bytes, the size is capped while streaming, the hash is SHA-256.</summary>
public sealed class AttachmentTests
{
    private static readonly byte[] Pdf = [.. "%PDF-1.7\n1 0 obj\n"u8.ToArray(), .. new byte[100]];

    [Fact]
    public async Task A_pdf_is_accepted_and_its_sha256_stored()
    {
        var (attachment, error) = await Attachments.ReadAsync(new MemoryStream(Pdf), "../../etc/report.pdf", 1024, default);

        Assert.Null(error);
        Assert.Equal("application/pdf", attachment!.ContentType);
        Assert.Equal("report.pdf", attachment.FileName);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Pdf)), attachment.Sha256);
    }

    [Fact]
    public async Task An_executable_renamed_to_pdf_is_refused()
    {
        var exe = Encoding.ASCII.GetBytes("MZ\u0090\0\u0003 this program cannot be run in DOS mode");
        var (attachment, error) = await Attachments.ReadAsync(new MemoryStream(exe), "invoice.pdf", 1024, default);

        Assert.Null(attachment);
        Assert.NotNull(error);
    }

    [Fact]
    public async Task A_png_named_pdf_is_refused_because_name_and_content_disagree()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
        Assert.Null((await Attachments.ReadAsync(new MemoryStream(png), "scan.pdf", 1024, default)).Attachment);
        Assert.Equal("image/png", (await Attachments.ReadAsync(new MemoryStream(png), "scan.png", 1024, default)).Attachment!.ContentType);
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_and_text_must_be_utf8_without_nul()
    {
        Assert.Contains("larger", (await Attachments.ReadAsync(new MemoryStream(Pdf), "big.pdf", 50, default)).Error, StringComparison.Ordinal);
        Assert.Equal("text/plain", (await Attachments.ReadAsync(new MemoryStream("user,last_login\nana,2026-11-01\n"u8.ToArray()), "access.csv", 1024, default)).Attachment!.ContentType);
        Assert.NotNull((await Attachments.ReadAsync(new MemoryStream([0x41, 0x00, 0x42]), "log.txt", 1024, default)).Error);
        Assert.NotNull((await Attachments.ReadAsync(new MemoryStream([0xC3, 0x28]), "log.txt", 1024, default)).Error);
        Assert.NotNull((await Attachments.ReadAsync(new MemoryStream([]), "empty.txt", 1024, default)).Error);
    }
}
