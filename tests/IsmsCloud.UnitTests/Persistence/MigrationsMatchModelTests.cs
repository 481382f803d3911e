using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.Identity.Infrastructure;
using IsmsCloud.Reporting.Infrastructure;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Suppliers.Infrastructure;
using IsmsCloud.Trust.Infrastructure;
using IsmsCloud.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.UnitTests.Persistence;

/// <summary>
/// Both providers' migrations must describe the current model: a model change without a migration for PostgreSQL
/// and for SQL Server fails here. No server is contacted.
/// </summary>
public sealed class MigrationsMatchModelTests
{
    public static TheoryData<string> Contexts => ["risk", "risk-sqlserver", "reporting", "reporting-sqlserver", "identity", "identity-sqlserver", "trust", "trust-sqlserver", "suppliers", "suppliers-sqlserver", "web", "web-sqlserver"];

    [Theory]
    [MemberData(nameof(Contexts))]
    public void Migrations_have_no_pending_model_changes(string name)
    {
        using var db = Create(name);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"{name}: the model has changes that no migration describes.");
    }

    // The factory `dotnet ef migrations add` uses, so the test sees the model the migrations were made from.
    private static DbContext Create(string name) => name switch
    {
        "risk" => Design<RiskDbContext>(DatabaseProvider.Postgres),
        "risk-sqlserver" => Design<RiskSqlServerDbContext>(DatabaseProvider.SqlServer),
        "reporting" => Design<ReportingDbContext>(DatabaseProvider.Postgres),
        "reporting-sqlserver" => Design<ReportingSqlServerDbContext>(DatabaseProvider.SqlServer),
        "identity" => Design<IdentityDbContext>(DatabaseProvider.Postgres),
        "identity-sqlserver" => Design<IdentitySqlServerDbContext>(DatabaseProvider.SqlServer),
        "trust" => Design<TrustDbContext>(DatabaseProvider.Postgres),
        "trust-sqlserver" => Design<TrustSqlServerDbContext>(DatabaseProvider.SqlServer),
        "suppliers" => Design<SupplierDbContext>(DatabaseProvider.Postgres),
        "suppliers-sqlserver" => Design<SupplierSqlServerDbContext>(DatabaseProvider.SqlServer),
        "web" => Design<WebDbContext>(DatabaseProvider.Postgres),
        "web-sqlserver" => Design<WebSqlServerDbContext>(DatabaseProvider.SqlServer),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static TContext Design<TContext>(DatabaseProvider provider) where TContext : DbContext =>
        new DesignTimeDbContextFactory<TContext>(provider).CreateDbContext([]);
}
