using IsmsCloud.Web.Components.Pages.Home;

namespace IsmsCloud.UnitTests.Web;

/// <summary>The home page's checklist: the seed's order, ticked only from data that was read, gone once all are done.</summary>
public sealed class GettingStartedStepsTests
{
    private static readonly GettingStartedSteps.Facts NewTenant = new(0, 0, 0, 0, 93, 0, 0, 0, false);

    [Fact]
    public void A_new_tenant_sees_every_step_to_do_in_the_seeds_order()
    {
        var steps = GettingStartedSteps.From(NewTenant);

        Assert.Equal(["scope", "assets", "risks", "soa", "evidence", "audit", "review"], steps.Select(s => s.Key));
        Assert.All(steps, s => Assert.False(s.Done));
        Assert.False(GettingStartedSteps.AllDone(steps));
        Assert.Contains("93 still undecided", steps.Single(s => s.Key == "soa").Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_step_is_ticked_by_its_own_data_only()
    {
        var steps = GettingStartedSteps.From(NewTenant with { Assets = 1 });

        Assert.Equal(["assets"], steps.Where(s => s.Done == true).Select(s => s.Key));
    }

    [Fact]
    public void An_answer_that_could_not_be_had_is_unknown_not_done()
    {
        var steps = GettingStartedSteps.From(NewTenant with { Evidence = null, ManagementReviewSigned = null });

        Assert.Null(steps.Single(s => s.Key == "evidence").Done);
        Assert.Null(steps.Single(s => s.Key == "review").Done);
    }

    [Fact]
    public void A_planned_but_unsigned_review_is_not_held()
    {
        var review = GettingStartedSteps.From(NewTenant with { ManagementReviews = 1 }).Single(s => s.Key == "review");

        Assert.False(review.Done);
        Assert.Contains("sign it off", review.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void All_done_when_every_record_exists_and_the_review_is_signed()
    {
        var steps = GettingStartedSteps.From(new(1, 3, 5, 1, 0, 2, 1, 1, true));

        Assert.True(GettingStartedSteps.AllDone(steps));
        Assert.False(GettingStartedSteps.AllDone(GettingStartedSteps.From(new(1, 3, 5, 1, 0, 2, 1, 1, false))));
    }
}
