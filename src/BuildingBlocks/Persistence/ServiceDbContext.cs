using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Members;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.BuildingBlocks.Persistence;

/// <summary>
/// The base of every service's DbContext. It is where tenant isolation and the outbox live, so that no endpoint
/// has to remember them: tenant-owned rows are filtered and stamped here, writes for another tenant throw here,
/// integration events are written here in the same transaction as the change, every change of an
/// <see cref="IAudited"/> record is appended here to the tenant's audit chain in that transaction too, and versions
/// are bumped (by the versioning interceptor this context always adds).
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
    public DbSet<AuditEntry> AuditTrail => Set<AuditEntry>();
    public DbSet<AuditHeadPublication> AuditHeadPublications => Set<AuditHeadPublication>();

    /// <summary>
    /// The name of the service's audit chain ("risk", "trust"), part of every entry's hashed content so that a chain
    /// cannot pass for another service's. Null in a service with no <see cref="IAudited"/> records.
    /// </summary>
    public virtual string? AuditServiceName => null;
    public DbSet<KnownMember> KnownMembers => Set<KnownMember>();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) => optionsBuilder.AddVersioning();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new OutboxMessageConfiguration());
        modelBuilder.ApplyConfiguration(new InboxMessageConfiguration());
        modelBuilder.ApplyConfiguration(new KnownTenantConfiguration());
        modelBuilder.AddAuditTrail();
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
        var changes = AuditCapture.Collect(ChangeTracker);
        if (changes.Count == 0)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        return AuditedSave.Save(this, RequireAuditService(), TenantContext.Require(_tenant), changes, CurrentActor(), Now(),
            acceptAllChangesOnSuccess, accept => base.SaveChanges(accept));
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        EnforceTenancyAndImmutability();
        var changes = AuditCapture.Collect(ChangeTracker);
        if (changes.Count == 0)
        {
            return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        return AuditedSave.SaveAsync(this, RequireAuditService(), TenantContext.Require(_tenant), changes, CurrentActor(), Now(),
            acceptAllChangesOnSuccess, (accept, ct) => base.SaveChangesAsync(accept, ct), cancellationToken);
    }

    /// <summary>Who the next save's audit entries name: the request's user, or the system outside a request.</summary>
    protected virtual AuditActor CurrentActor() =>
        ApplicationServices.Find<IAuditActorAccessor>(this)?.Current ?? AuditActor.Of(null);

    private DateTimeOffset Now() => (ApplicationServices.Find<TimeProvider>(this) ?? TimeProvider.System).GetUtcNow();

    private string RequireAuditService() => AuditServiceName
        ?? throw new InvalidOperationException($"{GetType().Name} saves audited records but names no audit chain (AuditServiceName).");

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
