using System.Reflection;
using IsmsCloud.Web.Api;
using IsmsCloud.Web.Api.Suppliers;

namespace IsmsCloud.UnitTests.Web;

/// <summary>The web app passes on only the registers the APIs export: its allow-lists are theirs, no more and no less.</summary>
public sealed class RegisterExportDownloadsTests
{
    private static IEnumerable<string> Registers(string assembly, string type)
    {
        var field = Assembly.Load(assembly).GetType(type, throwOnError: true)!.GetField("Registers", BindingFlags.Public | BindingFlags.Static)!;
        return (IEnumerable<string>)field.GetValue(null)!;
    }

    [Fact]
    public void The_allow_lists_are_the_registers_each_api_exports()
    {
        Assert.Equal(Registers("IsmsCloud.Risk", "IsmsCloud.Risk.Csv.CsvExport").Order(), RegisterExportDownloads.RiskRegisters.Order());
        Assert.Equal(Registers("IsmsCloud.Audits", "IsmsCloud.Audits.Csv.CsvExportApi").Order(), RegisterExportDownloads.AuditRegisters.Order());
        Assert.Equal(Registers("IsmsCloud.Suppliers", "IsmsCloud.Suppliers.Register.SupplierCsvExport").Order(), SupplierExportDownloads.Registers.Order());
    }

    [Fact]
    public void Only_review_items_are_filtered_by_campaign()
    {
        var campaign = Guid.NewGuid();
        Assert.Equal("risk/export/risks", RegisterExportDownloads.RiskHref("risks"));
        Assert.Equal("audit/export/findings", RegisterExportDownloads.AuditHref("findings"));
        Assert.Equal($"audit/export/review-items?campaignId={campaign}", RegisterExportDownloads.AuditHref("review-items", campaign));
    }
}
