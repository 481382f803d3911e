using System.IO.Compression;
using System.Text;
using IsmsCloud.Web.Api;

namespace IsmsCloud.UnitTests.Web;

public sealed class TenantExportBundleTests
{
    [Fact]
    public async Task The_services_parts_end_up_side_by_side_in_one_zip_with_a_guide()
    {
        var risk = Zip(("risk/Risks.jsonl", "{\"Title\":\"Laptop theft\"}\n"), ("risk/Risks.csv", "Title\nLaptop theft\n"));
        // A part whose entries lack the service's folder is put into it.
        var trust = Zip(("Certificates.csv", "Id\n1\n"));
        using var bundle = new MemoryStream();

        await TenantExportBundle.WriteAsync(Guid.NewGuid(), DateTimeOffset.UnixEpoch, [("risk", risk), ("trust", trust)], bundle, CancellationToken.None);

        bundle.Position = 0;
        using var zip = new ZipArchive(bundle, ZipArchiveMode.Read);
        Assert.Equal(["README.txt", "risk/Risks.jsonl", "risk/Risks.csv", "trust/Certificates.csv"], zip.Entries.Select(e => e.FullName));
        using var reader = new StreamReader(zip.GetEntry("risk/Risks.jsonl")!.Open());
        Assert.Equal("{\"Title\":\"Laptop theft\"}\n", await reader.ReadToEndAsync());
        using var guide = new StreamReader(zip.GetEntry("README.txt")!.Open());
        Assert.Contains("Parts: risk, trust", await guide.ReadToEndAsync(), StringComparison.Ordinal);
    }

    private static MemoryStream Zip(params (string Name, string Text)[] entries)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(text));
            }
        }

        stream.Position = 0;
        return stream;
    }
}
