using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Trust.Infrastructure;
using IsmsCloud.Trust.Scope;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.UnitTests.Trust;

public sealed class ScopeVersionImmutabilityTests : IDisposable
{
    private static readonly ActorName Tester = new("tester@acme.example", "Tester");
    private static readonly Guid Tenant = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
    private static readonly ScopeContent Content = new("ISMS of Transfer", ["Transfer"], ["Utrecht"], ["Ops"], ["Platform"],
        [new ScopeExclusion("Consulting", "Separate business unit")]);

    private readonly SqliteTestDatabase<TrustDbContext> _db = new((options, tenant) => new TrustDbContext(options, tenant));

    public void Dispose() => _db.Dispose();

    private TrustDbContext Context() => _db.Context(Tenant);

    private async Task<Guid> PublishedVersionAsync()
    {
        await using var db = Context();
        var version = ScopeVersion.NewDraft(Content, Now);
        db.ScopeVersions.Add(version);
        await db.SaveChangesAsync();
        version.Publish(1, Tester, Now);
        await db.SaveChangesAsync();
        return version.Id;
    }

    [Fact]
    public void A_published_version_refuses_revision_and_republication()
    {
        var version = ScopeVersion.NewDraft(Content, Now);
        version.Publish(1, Tester, Now);

        Assert.Throws<PublishedScopeIsImmutableException>(() => version.Revise(ScopeContent.Empty, Now));
        Assert.Throws<PublishedScopeIsImmutableException>(() => version.Publish(2, Tester, Now));
        Assert.Equal(Content, version.Content);
        Assert.Equal(1, version.Number);
    }

    [Fact]
    public async Task A_draft_can_be_revised_and_published()
    {
        var id = await PublishedVersionAsync();

        await using var db = Context();
        var stored = await db.ScopeVersions.SingleAsync(s => s.Id == id);
        Assert.Equal(ScopeVersionStatus.Published, stored.Status);
        Assert.Equal(Content, stored.Content);
    }

    [Fact]
    public async Task Saving_a_changed_published_version_is_refused_whatever_path_changed_it()
    {
        var id = await PublishedVersionAsync();

        await using (var db = Context())
        {
            var version = await db.ScopeVersions.SingleAsync(s => s.Id == id);
            // Around the entity's own checks, straight through the change tracker.
            db.Entry(version).Property(v => v.Content).CurrentValue = ScopeContent.Empty;
            await Assert.ThrowsAsync<PublishedScopeIsImmutableException>(() => db.SaveChangesAsync());
        }

        await using (var db = Context())
        {
            var version = await db.ScopeVersions.SingleAsync(s => s.Id == id);
            db.Entry(version).Property(v => v.Status).CurrentValue = ScopeVersionStatus.Draft;
            await Assert.ThrowsAsync<PublishedScopeIsImmutableException>(() => db.SaveChangesAsync());
        }

        await using (var db = Context())
        {
            db.ScopeVersions.Remove(await db.ScopeVersions.SingleAsync(s => s.Id == id));
            Assert.Throws<PublishedScopeIsImmutableException>(() => db.SaveChanges());
        }

        await using var check = Context();
        var unchanged = await check.ScopeVersions.SingleAsync(s => s.Id == id);
        Assert.Equal(Content, unchanged.Content);
        Assert.Equal(ScopeVersionStatus.Published, unchanged.Status);
    }
}
