using IsmsCloud.BuildingBlocks.Members;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.BuildingBlocks.Persistence;

/// <summary>
/// The base of every service's DbContext. It is where tenant isolation and the outbox live, so that no endpoint
/// has to remember them: tenant-owned rows are filtered and stamped here, writes for another tenant throw here,
/// integration events are written here in the same transaction as the change, and versions are bumped (by the
/// versioning interceptor this context always adds).
/// </summary>
public abstract class ServiceDbContext : DbContext
{
    private readonly ITenantContext _tenant;

    protected ServiceDbContext(DbContextOptions options, ITenantContext tenant) : base(options)
    {
        _tenant = tenant;
    }

    /// <summary>The tenant this context reads and writes for; Guid.Empty (matches no row) outside a tenant.</summary>
    public Guid CurrentTenantId => _tenant.TenantId ?? Guid.Empty;

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();
    public DbSet<KnownTenant> KnownTenants => Set<KnownTenant>();
    public DbSet<KnownMember> KnownMembers => Set<KnownMember>();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) => optionsBuilder.AddVersioning();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new OutboxMessageConfiguration());
        modelBuilder.ApplyConfiguration(new InboxMessageConfiguration());
        modelBuilder.ApplyConfiguration(new KnownTenantConfiguration());
        modelBuilder.ApplyConfiguration(new KnownMemberConfiguration());
        ConfigureModel(modelBuilder);
        modelBuilder.ApplyTenantConventions(() => CurrentTenantId);
        modelBuilder.ApplyVersionConventions();
    }

    /// <summary>The service's own entity configuration.</summary>
    protected abstract void ConfigureModel(ModelBuilder modelBuilder);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        EnforceTenancyAndImmutability();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        EnforceTenancyAndImmutability();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Makes the client's expected version the original value, so that the UPDATE only matches the row the client
    /// saw; a stale version ends in a <see cref="DbUpdateConcurrencyException"/> (answered as 409).
    /// </summary>
    public void ExpectVersion(IVersioned entity, uint expectedVersion)
    {
        Entry(entity).Property(nameof(IVersioned.Version)).OriginalValue = expectedVersion;
    }

    private void EnforceTenancyAndImmutability()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.Entity is ITenantOwned owned)
            {
                TenantWriteGuard.Check(entry.State, owned, entry.Property(nameof(ITenantOwned.TenantId)).OriginalValue as Guid?, _tenant);
            }

            if (entry is { State: EntityState.Modified or EntityState.Deleted, Entity: IImmutableRecord })
            {
                throw new ImmutableRecordException($"A {entry.Entity.GetType().Name} is immutable once written; it cannot be changed or deleted.");
            }
        }
    }
}
