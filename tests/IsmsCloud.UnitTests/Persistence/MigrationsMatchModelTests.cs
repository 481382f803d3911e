using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Identity.Infrastructure;
using IsmsCloud.Reporting.Infrastructure;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Trust.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.UnitTests.Persistence;

/// <summary>
/// Both providers' migrations must describe the current model: a model change without a migration for PostgreSQL
/// and for SQL Server fails here. No server is contacted.
/// </summary>
public sealed class MigrationsMatchModelTests
{
    private const string Postgres = "Host=localhost;Database=none";
    private const string SqlServer = "Server=localhost;Database=none";

    public static TheoryData<string> Contexts => ["risk", "risk-sqlserver", "reporting", "reporting-sqlserver", "identity", "identity-sqlserver", "trust", "trust-sqlserver"];

    [Theory]
    [MemberData(nameof(Contexts))]
    public void Migrations_have_no_pending_model_changes(string name)
    {
        using var db = Create(name);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"{name}: the model has changes that no migration describes.");
    }

    private static DbContext Create(string name)
    {
        var tenant = new TenantContext();
        return name switch
        {
            "risk" => new RiskDbContext(new DbContextOptionsBuilder<RiskDbContext>().UseNpgsql(Postgres).Options, tenant),
            "risk-sqlserver" => new RiskSqlServerDbContext(new DbContextOptionsBuilder<RiskSqlServerDbContext>().UseSqlServer(SqlServer).Options, tenant),
            "reporting" => new ReportingDbContext(new DbContextOptionsBuilder<ReportingDbContext>().UseNpgsql(Postgres).Options, tenant),
            "reporting-sqlserver" => new ReportingSqlServerDbContext(new DbContextOptionsBuilder<ReportingSqlServerDbContext>().UseSqlServer(SqlServer).Options, tenant),
            "identity" => new IdentityDbContext(new DbContextOptionsBuilder<IdentityDbContext>().UseNpgsql(Postgres).Options),
            "identity-sqlserver" => new IdentitySqlServerDbContext(new DbContextOptionsBuilder<IdentitySqlServerDbContext>().UseSqlServer(SqlServer).Options),
            "trust" => new TrustDbContext(new DbContextOptionsBuilder<TrustDbContext>().UseNpgsql(Postgres).Options, tenant),
            "trust-sqlserver" => new TrustSqlServerDbContext(new DbContextOptionsBuilder<TrustSqlServerDbContext>().UseSqlServer(SqlServer).Options, tenant),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }
}
