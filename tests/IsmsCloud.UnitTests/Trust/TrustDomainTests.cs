using System.Text;
using IsmsCloud.BuildingBlocks.Files;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.Trust.Documents;
using IsmsCloud.Trust.Files;
using IsmsCloud.Trust.Scope;

namespace IsmsCloud.UnitTests.Trust;

public sealed class TrustDomainTests
{
    private static readonly ActorName Alex = new("alex@acme.example", "Alex");
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, FileKind.Pdf)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, FileKind.Png)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, FileKind.Jpeg)]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00 }, null)]
    [InlineData(new byte[] { 0x25, 0x50, 0x44 }, null)]
    public async Task File_type_comes_from_the_magic_bytes(byte[] bytes, FileKind? expected) => Assert.Equal(expected,
        (await FileUpload.ReadAsync(new MemoryStream(bytes), "upload.bin", null, new UploadRules(FileUploads.Documents, 1024), default)).File?.Kind);

    [Fact]
    public void A_file_name_is_made_safe_and_gets_the_real_extension()
    {
        Assert.Equal("evilname.pdf", FileUpload.SafeFileName("../../evil\"name.exe", FileKind.Pdf));
        Assert.Equal("file.png", FileUpload.SafeFileName(null, FileKind.Png));
    }

    [Fact]
    public void Comparing_a_draft_lists_additions_removals_and_changed_reasons()
    {
        var published = new ScopeContent("A", ["Transfer", "Backup"], ["Utrecht"], [], [], [new ScopeExclusion("Consulting", "Separate unit")]);
        var draft = new ScopeContent("A", ["transfer", "Mobile"], ["Utrecht"], [], [], [new ScopeExclusion("Consulting", "Sold in 2026"), new ScopeExclusion("Backup", "Retired")]);

        var changes = ScopeComparison.Compare(published, draft);

        Assert.False(changes.SummaryChanged);
        Assert.Equal(["Mobile"], changes.IncludedServices.Added);
        Assert.Equal(["Backup"], changes.IncludedServices.Removed);
        Assert.False(changes.Locations.Any);
        Assert.Equal(["Backup"], changes.Exclusions.Added);
        Assert.Equal(["Consulting"], changes.ChangedJustifications);
        Assert.False(ScopeComparison.Compare(published, published).Any);
    }

    [Fact]
    public void An_approved_link_stores_only_the_token_hash_and_expires()
    {
        var request = NewRequest();

        var token = request.Approve(Alex, null, Now, TimeSpan.FromDays(7));

        Assert.Equal(AccessRequestStatus.Approved, request.Status);
        Assert.NotEqual(token, request.TokenHash);
        Assert.Equal(AccessRequest.Hash(token), request.TokenHash);
        Assert.False(request.LinkExpired(Now.AddDays(7).AddSeconds(-1)));
        Assert.True(request.LinkExpired(Now.AddDays(7)));
        Assert.Throws<AccessRequestAlreadyDecidedException>(() => request.Reject(Alex, null, Now));
    }

    [Fact]
    public void A_link_binds_to_the_first_visitor_only()
    {
        var request = NewRequest();
        request.Approve(Alex, null, Now, TimeSpan.FromDays(7));
        Assert.False(request.IsBoundTo(null));

        var secret = request.BindVisitor(Now);

        Assert.True(request.IsBoundTo(secret));
        Assert.False(request.IsBoundTo(secret + "x"));
        Assert.False(request.IsBoundTo(null));
        Assert.Throws<InvalidOperationException>(() => request.BindVisitor(Now));
    }

    [Fact]
    public void A_pending_request_has_no_link()
    {
        var request = NewRequest();

        Assert.True(request.LinkExpired(Now));
        Assert.Null(request.TokenHash);
        Assert.Equal(64, AccessRequest.Hash(Encoding.UTF8.GetString([1, 2, 3])).Length);
    }

    private static AccessRequest NewRequest() => new()
    {
        DocumentId = Guid.NewGuid(), VisitorName = "Vera Visitor", Company = "Buyer Ltd", Email = "vera@buyer.example",
        AcceptedNdaText = "NDA", RequestedAt = Now,
    };
}
