using IsmsCloud.Web.Api;
using IsmsCloud.Web.Api.ManagementReviews;
using IsmsCloud.Web.Components.Pages.ManagementReviews;

namespace IsmsCloud.UnitTests.Web;

/// <summary>How the review page words the API's codes and figures: words, not code names; rates in percent and points.</summary>
public sealed class ReviewTextTests
{
    [Fact]
    public void Statuses_kinds_and_codes_read_as_words()
    {
        Assert.Equal("In progress", ReviewText.Status(ManagementReviewStatus.InProgress));
        Assert.Equal("Priority change", ReviewText.Kind(DecisionKind.PriorityChange));
        Assert.Equal("Major nonconformity", ReviewText.Sentence("MajorNonconformity"));
        Assert.Equal("Overdue treatment", ReviewText.Signal("treatmentOverdue"));
        Assert.Equal("Days since the last signed management review", ReviewText.Signal("daysSinceManagementReview"));
    }

    [Fact]
    public void A_rate_shows_in_percent_and_changes_in_points_a_count_in_its_own_unit()
    {
        Assert.Equal("75%", ReviewText.Figure("rate", 0.75).Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal("+10 points", ReviewText.Change("rate", 0.1));
        Assert.Equal("−2", ReviewText.Change("overdueActions", -2));
        Assert.Equal("no change", ReviewText.Change("open", 0));
        Assert.Equal("–", ReviewText.Change("open", null));
        Assert.Equal("–", ReviewText.Figure("open", null));
    }

    [Fact]
    public void The_trend_compares_the_first_and_last_known_days()
    {
        var day = new DateOnly(2026, 9, 1);

        Assert.Equal("rising since 2026-09-02", ReviewText.Trend([new(day, null), new(day.AddDays(1), 1), new(day.AddDays(2), 3)]));
        Assert.Equal("steady since 2026-09-01", ReviewText.Trend([new(day, 2), new(day.AddDays(1), 2)]));
        Assert.Equal("no trend yet", ReviewText.Trend([new(day, 2)]));
    }

    [Fact]
    public void A_409_says_nothing_was_saved_and_why_other_problems_stay_as_they_are()
    {
        var locked = ApiProblem.FromStatus(409, "Conflict", "The management review is signed: its record is locked and cannot be changed.", null);
        var invalid = ApiProblem.FromStatus(400, null, null, null);

        Assert.Equal("Not saved. The management review is signed: its record is locked and cannot be changed.", ReviewProblems.Explained(locked).Message);
        Assert.Same(invalid, ReviewProblems.Explained(invalid));
    }
}
