using IsmsCloud.Audits.Findings;
using IsmsCloud.Audits.Soa;

namespace IsmsCloud.UnitTests.AuditProgramme;

/// <summary>Rule 8 / signal 3: recurrence is the same normalised reference in an earlier, different audit in (f − 730, f).</summary>
public sealed class FindingRecurrenceTests
{
    private static readonly DateOnly Today = new(2027, 3, 15);
    private static readonly Guid ThisAudit = Guid.NewGuid();

    private static Finding Raise(Guid auditId, string reference, DateOnly on, FindingKind kind = FindingKind.MinorNonconformity)
    {
        var finding = new Finding { AuditId = auditId, Kind = kind, Description = "Patching is late", RaisedBy = "auditor@example.com" };
        finding.Place(ReferenceCatalogue.Normalize(reference), on);
        return finding;
    }

    private static bool Recurs(Finding later, params Finding[] others)
    {
        var all = others.Append(later).ToList().AsQueryable();
        var viaList = FindingRecurrence.Recurs(all).Compile()(later);
        var viaDetail = FindingRecurrence.EarlierOccurrences(all, later).Any();
        Assert.Equal(viaList, viaDetail); // the list's column and the detail's links are one rule
        return viaList;
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(729, true)]
    [InlineData(730, false)]
    [InlineData(731, false)]
    public void An_earlier_audits_finding_on_the_same_reference_makes_it_recur_only_inside_730_days(int daysBefore, bool recurs)
    {
        var earlier = Raise(Guid.NewGuid(), "A.8.8", Today.AddDays(-daysBefore));
        Assert.Equal(recurs, Recurs(Raise(ThisAudit, "A.8.8", Today), earlier));
    }

    [Fact]
    public void The_same_audit_twice_is_not_recurrence()
    {
        var first = Raise(ThisAudit, "A.8.8", Today.AddDays(-3));
        Assert.False(Recurs(Raise(ThisAudit, "A.8.8", Today), first));
    }

    [Fact]
    public void A_finding_raised_the_same_day_or_later_does_not_make_an_earlier_one_recur()
    {
        var other = Guid.NewGuid();
        Assert.False(Recurs(Raise(ThisAudit, "A.8.8", Today), Raise(other, "A.8.8", Today)));
        Assert.False(Recurs(Raise(ThisAudit, "A.8.8", Today), Raise(other, "A.8.8", Today.AddDays(10))));
    }

    [Theory]
    [InlineData("a.8.8")]
    [InlineData(" A. 8.8 ")]
    [InlineData("A.8 .8")]
    [InlineData("a .8.8\t")]
    public void Case_and_spaces_in_references_do_not_matter(string typed)
    {
        Assert.Equal("A.8.8", ReferenceCatalogue.Normalize(typed));
        Assert.True(Recurs(Raise(ThisAudit, typed, Today), Raise(Guid.NewGuid(), "A.8.8", Today.AddDays(-400))));
    }

    [Fact]
    public void Another_reference_is_not_recurrence_even_when_it_starts_the_same()
    {
        Assert.False(Recurs(Raise(ThisAudit, "A.8.8", Today), Raise(Guid.NewGuid(), "A.8.9", Today.AddDays(-10))));
        Assert.False(Recurs(Raise(ThisAudit, "9.2.1", Today), Raise(Guid.NewGuid(), "9.2.2", Today.AddDays(-10))));
        Assert.True(Recurs(Raise(ThisAudit, "9.2.1", Today), Raise(Guid.NewGuid(), "9.2.1", Today.AddDays(-10))));
    }

    [Fact]
    public void Opportunities_for_improvement_neither_recur_nor_make_others_recur_and_withdrawn_findings_do_not_count()
    {
        var other = Guid.NewGuid();
        Assert.False(Recurs(Raise(ThisAudit, "A.8.8", Today), Raise(other, "A.8.8", Today.AddDays(-10), FindingKind.OpportunityForImprovement)));
        Assert.False(Recurs(Raise(ThisAudit, "A.8.8", Today, FindingKind.OpportunityForImprovement), Raise(other, "A.8.8", Today.AddDays(-10))));
        Assert.True(Recurs(Raise(ThisAudit, "A.8.8", Today), Raise(other, "A.8.8", Today.AddDays(-10), FindingKind.Observation)));

        var withdrawn = Raise(other, "A.8.8", Today.AddDays(-10));
        withdrawn.Withdraw("Raised against the wrong control", DateTimeOffset.UnixEpoch);
        Assert.False(Recurs(Raise(ThisAudit, "A.8.8", Today), withdrawn));
    }

    [Fact]
    public void Only_a_recurring_minor_nonconformity_is_escalated()
    {
        Assert.True(Finding.NeedsEscalation(FindingKind.MinorNonconformity, recurring: true));
        Assert.False(Finding.NeedsEscalation(FindingKind.MinorNonconformity, recurring: false));
        Assert.False(Finding.NeedsEscalation(FindingKind.MajorNonconformity, recurring: true));
        Assert.False(Finding.NeedsEscalation(FindingKind.Observation, recurring: true));
    }

    [Fact]
    public void References_are_clauses_4_1_to_10_2_or_annex_a_controls()
    {
        Assert.True(ReferenceCatalogue.IsClause("4.1"));
        Assert.True(ReferenceCatalogue.IsClause("9.2.1"));
        Assert.True(ReferenceCatalogue.IsClause("10.2"));
        Assert.False(ReferenceCatalogue.IsClause("10.3"));
        Assert.False(ReferenceCatalogue.IsClause("3.1"));
        Assert.True(ReferenceCatalogue.IsAnnexA("A.8.8"));
        Assert.True(ReferenceCatalogue.IsAnnexA("A.5.1"));
        Assert.False(ReferenceCatalogue.IsAnnexA("A.8.35"));
        Assert.Equal(93, ReferenceCatalogue.AnnexAControls.Count);
        Assert.Equal(30, ReferenceCatalogue.Clauses.Count);
    }
}
