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

/// <summary>One in-memory SQLite database shared by several contexts, each running for its own tenant.</summary>
public sealed class TestDb : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public TestDb()
    {
        _connection.Open();
        using var db = Context(null);
        db.Database.EnsureCreated();
    }

    public SqliteConnection Connection => _connection;

    public NotesDbContext Context(Guid? tenantId)
    {
        var tenant = new TenantContext();
        if (tenantId is { } id)
        {
            tenant.Set(id);
        }

        return new NotesDbContext(new DbContextOptionsBuilder<NotesDbContext>().UseSqlite(_connection).Options, tenant);
    }

    public void Dispose() => _connection.Dispose();
}
