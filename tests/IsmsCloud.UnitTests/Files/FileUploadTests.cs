using System.Security.Cryptography;
using IsmsCloud.BuildingBlocks.Files;

namespace IsmsCloud.UnitTests.Files;

/// <summary>The one upload pipeline behind evidence and trust files: cap while streaming, type from bytes, name checked or made safe, SHA-256.</summary>
public sealed class FileUploadTests
{
    private static readonly byte[] Pdf = [.. "%PDF-1.7\n1 0 obj\n"u8.ToArray(), .. new byte[100]];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
    private static readonly UploadRules Documents = new([FileKind.Pdf, FileKind.Png, FileKind.Jpeg], 1024);
    private static readonly UploadRules NamedDocuments = Documents with { NameMustMatchContent = true };

    private static Task<(CheckedFile? File, string? Error)> Read(byte[] bytes, string? name, UploadRules rules, long? declared = null) =>
        FileUpload.ReadAsync(new MemoryStream(bytes), name, declared, rules, default);

    [Fact]
    public async Task An_accepted_file_carries_its_kind_type_size_and_sha256()
    {
        var (file, error) = await Read(Pdf, "report.pdf", Documents);

        Assert.Null(error);
        Assert.Equal((FileKind.Pdf, "application/pdf", Pdf.LongLength), (file!.Kind, file.ContentType, file.SizeBytes));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Pdf)), file.Sha256);
    }

    [Fact]
    public async Task A_name_that_must_match_keeps_the_clients_name_without_its_path_and_agrees_with_the_content()
    {
        Assert.Equal("scan.png", (await Read(Png, @"C:\Users\ana\scan.png", NamedDocuments)).File!.FileName);
        Assert.Equal("Only PDF, PNG, JPEG files are accepted, and the content must match the file's extension.", (await Read(Png, "scan.pdf", NamedDocuments)).Error);
        Assert.Equal("The file needs a name of at most 255 characters.", (await Read(Png, "", NamedDocuments)).Error);
        Assert.NotNull((await Read(Png, new string('a', 252) + ".png", NamedDocuments)).Error);
    }

    [Fact]
    public async Task A_name_that_is_only_a_hint_is_made_safe_and_given_the_contents_extension()
    {
        Assert.Equal("evilname.png", (await Read(Png, "../../evil\"name.pdf", Documents)).File!.FileName);
        Assert.Equal("file.pdf", (await Read(Pdf, null, Documents)).File!.FileName);
    }

    [Fact]
    public async Task Content_of_a_kind_the_rules_do_not_allow_is_refused_whatever_its_name()
    {
        var exe = "MZ\u0090\0\u0003 this program cannot be run in DOS mode"u8.ToArray();

        Assert.Equal("Only PDF, PNG, JPEG files are accepted.", (await Read(exe, "invoice.pdf", Documents)).Error);
        Assert.Equal("Only PNG, JPEG files are accepted.", (await Read(Pdf, "logo.png", new UploadRules([FileKind.Png, FileKind.Jpeg], 1024))).Error);
        Assert.Null((await Read("plain words"u8.ToArray(), "notes.txt", Documents)).File);
    }

    [Fact]
    public async Task Too_large_declared_or_streamed_and_empty_files_are_refused()
    {
        Assert.Equal("The file is larger than the limit of 0 MB.", (await Read(Pdf, "a.pdf", Documents with { MaxBytes = 50 })).Error);
        Assert.Equal("The file is larger than the limit of 0 MB.", (await Read([], "a.pdf", Documents, declared: 2048)).Error);
        Assert.Equal("The file is empty.", (await Read([], "a.pdf", Documents)).Error);
    }

    [Fact]
    public async Task The_size_cap_stops_reading_before_the_whole_body_is_held()
    {
        var endless = new CountingStream(chunk: 4096);

        var (file, _) = await FileUpload.ReadAsync(endless, "a.pdf", null, Documents with { MaxBytes = 10_000 }, default);

        Assert.Null(file);
        Assert.True(endless.Served <= 10_000 + 81_920, $"read {endless.Served} bytes");
    }

    /// <summary>A body that never ends, counting what was read from it.</summary>
    private sealed class CountingStream(int chunk) : Stream
    {
        public long Served { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Served; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, chunk);
            Array.Fill(buffer, (byte)'a', offset, n);
            Served += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
