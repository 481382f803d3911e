using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Trust.Certificates;
using IsmsCloud.Trust.Documents;
using IsmsCloud.Trust.Files;
using IsmsCloud.Trust.Portal;
using IsmsCloud.Trust.Profile;
using IsmsCloud.Trust.Scope;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Trust.Infrastructure;

/// <summary>
/// trust-api's database: every save of the records people change (scope versions, certificates, the profile, documents,
/// files, access decisions) is appended to the tenant's "trust" audit chain by the building block.
/// </summary>
public class TrustDbContext : ServiceDbContext
{
    public const string AuditService = "trust";

    // What the public portal shows: a saved change to any of these evicts the tenant's cached portal pages.
    private static readonly HashSet<Type> ShownOnPortal =
        [typeof(TrustProfile), typeof(Certificate), typeof(ScopeVersion), typeof(TrustDocument), typeof(TenantAssurance)];

    private static readonly string[] AssuranceShownOnPortal = [nameof(TenantAssurance.SoaVersionNumber), nameof(TenantAssurance.SoaPublishedAt)];

    private readonly PortalCache? _portalCache;

    /// <summary>Without a portal cache (design time, tests): nothing to evict.</summary>
    public TrustDbContext(DbContextOptions<TrustDbContext> options, ITenantContext tenant) : base(options, tenant) { }

    public TrustDbContext(DbContextOptions<TrustDbContext> options, ITenantContext tenant, PortalCache portalCache) : base(options, tenant) =>
        _portalCache = portalCache;

    /// <summary>For the SQL Server subclass, which owns that provider's migrations.</summary>
    protected TrustDbContext(DbContextOptions options, ITenantContext tenant, PortalCache? portalCache) : base(options, tenant) =>
        _portalCache = portalCache;

    public override string? AuditServiceName => AuditService;

    public DbSet<ScopeVersion> ScopeVersions => Set<ScopeVersion>();
    public DbSet<Certificate> Certificates => Set<Certificate>();
    public DbSet<TrustProfile> Profiles => Set<TrustProfile>();
    public DbSet<TenantAssurance> Assurance => Set<TenantAssurance>();
    public DbSet<TrustDocument> Documents => Set<TrustDocument>();
    public DbSet<AccessRequest> AccessRequests => Set<AccessRequest>();
    public DbSet<DocumentDownload> Downloads => Set<DocumentDownload>();
    public DbSet<StoredFile> Files => Set<StoredFile>();

    protected override void ConfigureModel(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TrustDbContext).Assembly);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseChangesToPublishedScopes();
        var evict = PortalChanged();
        TellOtherInstances(evict);
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        if (evict && _portalCache is not null)
        {
            // trust-api itself always saves asynchronously; a synchronous caller gets a synchronous eviction.
            _portalCache.Evict(CurrentTenantId);
        }

        return saved;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseChangesToPublishedScopes();
        var evict = PortalChanged();
        TellOtherInstances(evict);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (evict && _portalCache is not null)
        {
            // After the commit, never before: a visitor in between would refill the cache with the old page.
            await _portalCache.EvictAsync(CurrentTenantId, CancellationToken.None);
        }

        return saved;
    }

    /// <summary>The other instances evict too, once the change is committed (the message goes out through the outbox).</summary>
    private void TellOtherInstances(bool portalChanged)
    {
        if (portalChanged && _portalCache is not null)
        {
            this.AddEvent(new PortalPagesChanged(CurrentTenantId));
        }
    }

    // The portal shows only the SoA version of the tenant's assurance; its other fields (reporting's figures, refreshed
    // with every SignalsChanged) are the workspace's, and changing them must not evict every instance's cached pages.
    private bool PortalChanged() => ChangeTracker.Entries().Any(e => ShownOnPortal.Contains(e.Entity.GetType()) && e.State switch
    {
        EntityState.Added or EntityState.Deleted => true,
        EntityState.Modified => e.Entity is not TenantAssurance || AssuranceShownOnPortal.Any(p => e.Property(p).IsModified),
        _ => false,
    });

    /// <summary>
    /// The second line behind <see cref="ScopeVersion"/>'s own checks: whatever code path changed or removed a version
    /// that was published when it was read (a property set through the change tracker, an attached copy), nothing is
    /// saved. Publishing itself is allowed because the version read was still a draft.
    /// </summary>
    private void RefuseChangesToPublishedScopes()
    {
        foreach (var entry in ChangeTracker.Entries<ScopeVersion>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted
                && entry.OriginalValues.GetValue<ScopeVersionStatus>(nameof(ScopeVersion.Status)) == ScopeVersionStatus.Published)
            {
                throw new PublishedScopeIsImmutableException(
                    $"Scope version {entry.OriginalValues.GetValue<int?>(nameof(ScopeVersion.Number))} is published and cannot be {(entry.State == EntityState.Deleted ? "deleted" : "changed")}.");
            }
        }
    }
}

/// <summary>The same model on SQL Server; exists so that provider has its own migrations.</summary>
public sealed class TrustSqlServerDbContext : TrustDbContext
{
    public TrustSqlServerDbContext(DbContextOptions<TrustSqlServerDbContext> options, ITenantContext tenant) : base(options, tenant, null) { }

    public TrustSqlServerDbContext(DbContextOptions<TrustSqlServerDbContext> options, ITenantContext tenant, PortalCache portalCache)
        : base(options, tenant, portalCache) { }
}
