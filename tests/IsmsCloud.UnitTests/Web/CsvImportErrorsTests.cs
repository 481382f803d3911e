using IsmsCloud.Web.Api;

namespace IsmsCloud.UnitTests.Web;

/// <summary>A refused CSV import's problem details, read back as cells for the page (BuildingBlocks' CsvImport names them "row N: column").</summary>
public sealed class CsvImportErrorsTests
{
    [Fact]
    public void Keys_name_the_row_and_column_and_come_back_in_file_order_with_the_whole_file_first()
    {
        var problem = ApiProblem.FromStatus(400, "Nothing was imported: fix these rows and import the file again.", null, new Dictionary<string, string[]>
        {
            ["row 12: owner"] = ["Required."],
            ["row 3: type"] = ["Use one of: Information, Service."],
            ["row 3: classification"] = ["Use one of: Public, Internal."],
            ["file"] = ["The file has no rows to import."],
        });

        var errors = CsvImportErrors.Of(problem);

        Assert.Equal(
            [
                new CsvImportError(null, null, "The file has no rows to import."),
                new CsvImportError(3, "classification", "Use one of: Public, Internal."),
                new CsvImportError(3, "type", "Use one of: Information, Service."),
                new CsvImportError(12, "owner", "Required."),
            ],
            errors);
    }

    [Fact]
    public void A_problem_without_field_errors_has_no_cells()
    {
        Assert.Empty(CsvImportErrors.Of(ApiProblem.Unreachable));
    }
}
