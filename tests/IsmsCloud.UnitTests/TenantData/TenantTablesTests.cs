using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.TenantData;
using IsmsCloud.Reporting.Infrastructure;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Trust.Infrastructure;
using IsmsCloud.Suppliers.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.UnitTests.TenantData;

/// <summary>
/// The tenant export and erasure find their tables in the model: every table a service keeps must carry the tenant,
/// or a new entity would silently be left out of both. No server is contacted.
/// </summary>
public sealed class TenantTablesTests
{
    /// <summary>Plumbing shared by all tenants: the inbox keeps message ids only.</summary>
    private static readonly string[] NotTenantData = ["InboxMessages"];

    public static TheoryData<string> Services => ["risk", "trust", "reporting", "suppliers"];

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_table_of_a_service_holds_its_tenant_and_is_exported_and_erased(string service)
    {
        using var db = Create(service);
        var tables = db.Model.GetEntityTypes().Where(t => t.GetTableName() is not null && !t.IsOwned() && t.BaseType is null)
            .Select(t => t.GetTableName()!).Distinct().ToList();
        var covered = TenantTables.Of(db).Select(t => t.Name).ToList();

        Assert.Empty(tables.Except(covered).Except(NotTenantData));
    }

    [Fact]
    public void A_table_is_erased_before_the_tables_it_references()
    {
        using var db = Create("risk");
        var order = TenantTables.Of(db).Select(t => t.Name).ToList();

        Assert.True(order.IndexOf("RiskAssessments") < order.IndexOf("Risks"), string.Join(", ", order));
        Assert.True(order.IndexOf("RiskAssets") < order.IndexOf("Assets"), string.Join(", ", order));
        Assert.True(order.IndexOf("ControlRisks") < order.IndexOf("Controls"), string.Join(", ", order));
    }

    private static DbContext Create(string service) => service switch
    {
        "risk" => new DesignTimeDbContextFactory<RiskDbContext>(DatabaseProvider.Postgres).CreateDbContext([]),
        "trust" => new DesignTimeDbContextFactory<TrustDbContext>(DatabaseProvider.Postgres).CreateDbContext([]),
        "suppliers" => new DesignTimeDbContextFactory<SupplierDbContext>(DatabaseProvider.Postgres).CreateDbContext([]),
        "reporting" => new DesignTimeDbContextFactory<ReportingDbContext>(DatabaseProvider.Postgres).CreateDbContext([]),
        _ => throw new ArgumentOutOfRangeException(nameof(service)),
    };
}
