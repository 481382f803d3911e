using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.UnitTests;

/// <summary>A tenant-owned entity with a unique code, the smallest thing the building block must protect.</summary>
public sealed class Note : ITenantOwned, IVersioned
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid TenantId { get; set; }
    public uint Version { get; set; }
    public required string Code { get; set; }
    public string Text { get; set; } = "";
}

public sealed class NotesDbContext(DbContextOptions<NotesDbContext> options, ITenantContext tenant) : ServiceDbContext(options, tenant)
{
    public DbSet<Note> Notes => Set<Note>();

    protected override void ConfigureModel(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<Note>().HasIndex(n => n.Code).IsUnique();
}

/// <summary>
/// One in-memory SQLite database, its schema created from the context's model, shared by several contexts that each run
/// for their own tenant (or none). The one way unit tests get a real DbContext with its conventions and interceptors.
/// </summary>
public class SqliteTestDatabase<TContext> : IDisposable
    where TContext : DbContext
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly Func<DbContextOptions<TContext>, TenantContext, TContext> _create;

    public SqliteTestDatabase(Func<DbContextOptions<TContext>, TenantContext, TContext> create)
    {
        _create = create;
        _connection.Open();
        using var db = Context(null);
        db.Database.EnsureCreated();
    }

    public SqliteConnection Connection => _connection;

    public DbContextOptions<TContext> Options => new DbContextOptionsBuilder<TContext>().UseSqlite(_connection).Options;

    public TContext Context(Guid? tenantId)
    {
        var tenant = new TenantContext();
        if (tenantId is { } id)
        {
            tenant.Set(id);
        }

        return _create(Options, tenant);
    }

    public void Dispose()
    {
        _connection.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The building block's own test database: notes, for tenancy, outbox and inbox tests.</summary>
public sealed class TestDb() : SqliteTestDatabase<NotesDbContext>((options, tenant) => new NotesDbContext(options, tenant));
