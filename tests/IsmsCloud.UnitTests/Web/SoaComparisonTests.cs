using IsmsCloud.Web.Api;
using IsmsCloud.Web.Components.Pages.Soa;
using IsmsCloud.Web.Components.Shared;

namespace IsmsCloud.UnitTests.Web;

/// <summary>Comparing two published SoA versions: what an auditor asks first of a new version.</summary>
public sealed class SoaComparisonTests
{
    private static SoaVersionEntry Entry(string reference, bool applicable = true, string justification = "Needed",
        ImplementationStatus status = ImplementationStatus.Implemented, string? owner = "Dana", int? cadence = 90, int risks = 1) =>
        new(reference, $"Control {reference}", ControlTheme.Technological, false, applicable, justification, status, owner, cadence, risks);

    private static SoaVersionDto Version(int number, params SoaVersionEntry[] entries) =>
        new(new SoaVersionSummaryDto(Guid.NewGuid(), number, DateTimeOffset.UnixEpoch, "admin", null, entries.Length, 0, 0), entries);

    [Fact]
    public void Unchanged_versions_have_no_differences()
    {
        var v1 = Version(1, Entry("A.8.8"), Entry("A.5.18"));

        Assert.Empty(SoaComparison.Between(v1, Version(2, Entry("A.8.8"), Entry("A.5.18"))));
    }

    [Fact]
    public void Each_changed_field_of_a_control_is_listed_with_its_older_and_newer_value()
    {
        var older = Version(1, Entry("A.8.8", status: ImplementationStatus.PartiallyImplemented, owner: null, cadence: null, risks: 0));
        var newer = Version(2, Entry("A.8.8", status: ImplementationStatus.Implemented, owner: "Dana", cadence: 30, risks: 2));

        var difference = Assert.Single(SoaComparison.Between(older, newer));

        Assert.Equal(SoaEntryChange.Changed, difference.Change);
        Assert.Equal(
        [
            new FieldChange("Implementation", "Partially implemented", "Implemented"),
            new FieldChange("Owner", "—", "Dana"),
            new FieldChange("Evidence cadence", "none", "every 30 days"),
            new FieldChange("Linked risks", "0", "2"),
        ], difference.Fields);
    }

    [Fact]
    public void A_control_made_not_applicable_shows_its_applicability_and_justification_change()
    {
        var difference = Assert.Single(SoaComparison.Between(
            Version(1, Entry("A.7.4")), Version(2, Entry("A.7.4", applicable: false, justification: "No premises of our own"))));

        Assert.Equal([new FieldChange("Applicable", "Yes", "No"), new FieldChange("Justification", "Needed", "No premises of our own")], difference.Fields);
    }

    [Fact]
    public void Controls_added_and_removed_are_matched_by_reference()
    {
        var differences = SoaComparison.Between(Version(1, Entry("A.8.8"), Entry("CUS.1")), Version(2, Entry("A.8.8"), Entry("CUS.2")));

        Assert.Equal([("CUS.2", SoaEntryChange.Added), ("CUS.1", SoaEntryChange.Removed)], differences.Select(d => (d.Reference, d.Change)));
    }
}
