using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Trust.Documents;
using IsmsCloud.Trust.Infrastructure;
using IsmsCloud.Trust.Portal;
using IsmsCloud.Trust.Profile;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.UnitTests.Trust;

/// <summary>The portal's cache is evicted by the save itself, once, and only when something the portal shows changed.</summary>
public sealed class PortalCacheEvictionTests : IDisposable
{
    private static readonly Guid Tenant = Guid.NewGuid();
    private readonly CountingStore _store = new();
    private readonly SqliteTestDatabase<TrustDbContext> _db;

    public PortalCacheEvictionTests() =>
        _db = new((options, tenant) => new TrustDbContext(options, tenant, new PortalCache(_store)));

    public void Dispose() => _db.Dispose();

    private TrustDbContext Context() => _db.Context(Tenant);

    [Fact]
    public async Task Saving_a_change_the_portal_shows_evicts_the_tenants_pages_once()
    {
        await using var db = Context();
        db.Profiles.Add(new TrustProfile { Slug = "acme", CompanyName = "Acme" });
        db.Assurance.Add(new TenantAssurance { SoaVersionNumber = 1 });
        await db.SaveChangesAsync();

        Assert.Equal([PortalTenants.Tag(Tenant)], _store.Evicted);
    }

    [Fact]
    public async Task Saving_only_what_the_portal_does_not_show_evicts_nothing()
    {
        await using var db = Context();
        db.AccessRequests.Add(new AccessRequest { VisitorName = "V", Company = "C", Email = "v@c.example", AcceptedNdaText = "nda" });
        await db.SaveChangesAsync();
        await db.SaveChangesAsync();

        Assert.Empty(_store.Evicted);
    }

    [Fact]
    public void A_synchronous_save_evicts_as_well()
    {
        using var db = Context();
        db.Assurance.Add(new TenantAssurance { SoaVersionNumber = 2 });
        db.SaveChanges();

        Assert.Single(_store.Evicted);
    }

    private sealed class CountingStore : IOutputCacheStore
    {
        public List<string> Evicted { get; } = [];

        public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
        {
            Evicted.Add(tag);
            return ValueTask.CompletedTask;
        }

        public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => ValueTask.FromResult<byte[]?>(null);

        public ValueTask SetAsync(string key, byte[]? value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
