using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.Identity.Members;
using IsmsCloud.Identity.Tenants;
using IsmsCloud.Identity.Users;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Identity.Infrastructure;

/// <summary>
/// ASP.NET Core Identity's users, OpenIddict's applications/authorizations/tokens, tenants and memberships, the
/// outbox, and identity-api's data-protection key ring (shared by its instances: sign-in cookies, reset links). Not a tenant-filtered ServiceDbContext: identity-api is the platform that owns the tenants, and its
/// endpoints scope memberships and clients to the caller's tenant explicitly.
/// </summary>
public class IdentityDbContext : IdentityDbContext<ApplicationUser, IdentityRole<Guid>, Guid>, IDataProtectionKeyContext
{
    public IdentityDbContext(DbContextOptions<IdentityDbContext> options) : base(options) { }

    protected IdentityDbContext(DbContextOptions options) : base(options) { }

    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<IntegrationClient> IntegrationClients => Set<IntegrationClient>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<TenantErasureReceipt> TenantErasureReceipts => Set<TenantErasureReceipt>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
        builder.AddOutbox();
        builder.AddAuditTrail();
        builder.Entity<DataProtectionKey>().ToTable("DataProtectionKeys");

        builder.Entity<ApplicationUser>().Property(u => u.DisplayName).HasMaxLength(200);

        var tenant = builder.Entity<Tenant>();
        tenant.ToTable("Tenants");
        tenant.Property(t => t.Name).HasMaxLength(200);
        tenant.Property(t => t.Slug).HasMaxLength(63);
        tenant.Property(t => t.FirstAdminEmail).HasMaxLength(256);
        tenant.Property(t => t.SuspensionReason).HasMaxLength(500);
        tenant.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        tenant.HasIndex(t => t.Slug).IsUnique();

        var membership = builder.Entity<Membership>();
        membership.ToTable("Memberships");
        membership.Property(m => m.Role).HasMaxLength(40);
        membership.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        membership.HasIndex(m => new { m.TenantId, m.UserId }).IsUnique();
        membership.HasIndex(m => m.UserId);
        membership.HasOne<Tenant>().WithMany().HasForeignKey(m => m.TenantId).OnDelete(DeleteBehavior.Cascade);
        membership.HasOne<ApplicationUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);

        var receipt = builder.Entity<TenantErasureReceipt>();
        receipt.ToTable("TenantErasureReceipts");
        receipt.HasKey(r => new { r.TenantId, r.Service });
        receipt.Property(r => r.Service).HasMaxLength(40);
        receipt.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Cascade);

        var invitation = builder.Entity<Invitation>();
        invitation.ToTable("Invitations");
        invitation.Property(i => i.Email).HasMaxLength(256);
        invitation.Property(i => i.Role).HasMaxLength(40);
        invitation.Property(i => i.TokenHash).HasMaxLength(64);
        invitation.HasIndex(i => i.TokenHash).IsUnique();
        invitation.HasIndex(i => new { i.TenantId, i.Email });
        invitation.HasOne<Tenant>().WithMany().HasForeignKey(i => i.TenantId).OnDelete(DeleteBehavior.Cascade);

        var client = builder.Entity<IntegrationClient>();
        client.ToTable("IntegrationClients");
        client.Property(c => c.ClientId).HasMaxLength(100);
        client.Property(c => c.DisplayName).HasMaxLength(200);
        client.Property(c => c.Role).HasMaxLength(40);
        client.HasIndex(c => c.ClientId).IsUnique();
        client.HasIndex(c => c.TenantId);
        client.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Cascade);

        builder.ApplyVersionConventions();
    }

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) => optionsBuilder.AddVersioning();

    /// <summary>identity-api's chain in every tenant's audit trail (members, invitations, integration clients, the tenant).</summary>
    public const string AuditService = "identity";

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var changes = AuditCapture.Collect(ChangeTracker);
        return changes.Count == 0
            ? base.SaveChanges(acceptAllChangesOnSuccess)
            : AuditedSave.Save(this, AuditService, TenantOf(changes), changes, Actor(), Now(), acceptAllChangesOnSuccess, accept => base.SaveChanges(accept));
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var changes = AuditCapture.Collect(ChangeTracker);
        return changes.Count == 0
            ? base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken)
            : AuditedSave.SaveAsync(this, AuditService, TenantOf(changes), changes, Actor(), Now(), acceptAllChangesOnSuccess,
                (accept, ct) => base.SaveChangesAsync(accept, ct), cancellationToken);
    }

    /// <summary>
    /// The tenant whose chain a save's changes go to. identity-api is not tenant-filtered, so the tenant comes from the
    /// records themselves; every save it makes concerns one tenant (a member, an invitation, a client, an onboarding).
    /// </summary>
    private Guid TenantOf(IReadOnlyList<AuditedChange> changes)
    {
        var tenantOfRecord = new Dictionary<Guid, Guid>();
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.Entity is IAudited audited)
            {
                tenantOfRecord[audited.AuditRecordId] = entry.Entity switch
                {
                    Tenant t => t.Id,
                    Membership m => m.TenantId,
                    Invitation i => i.TenantId,
                    IntegrationClient c => c.TenantId,
                    _ => throw new InvalidOperationException($"{entry.Entity.GetType().Name} is audited but names no tenant."),
                };
            }
        }

        var tenants = changes.Select(c => tenantOfRecord[c.RecordId]).Distinct().ToList();
        return tenants.Count == 1
            ? tenants[0]
            : throw new InvalidOperationException("One save changed audited records of several tenants; save each tenant's changes on their own.");
    }

    private AuditActor Actor() => BuildingBlocks.Persistence.ApplicationServices.Find<IAuditActorAccessor>(this)?.Current ?? AuditActor.Of(null);

    private DateTimeOffset Now() => (BuildingBlocks.Persistence.ApplicationServices.Find<TimeProvider>(this) ?? TimeProvider.System).GetUtcNow();
}

/// <summary>The same model on SQL Server; exists so that provider has its own migrations.</summary>
public sealed class IdentitySqlServerDbContext(DbContextOptions<IdentitySqlServerDbContext> options) : IdentityDbContext(options);

internal sealed class IdentityDbContextFactory() : DesignTimeDbContextFactory<IdentityDbContext>(DatabaseProvider.Postgres);

internal sealed class IdentitySqlServerDbContextFactory() : DesignTimeDbContextFactory<IdentitySqlServerDbContext>(DatabaseProvider.SqlServer);
