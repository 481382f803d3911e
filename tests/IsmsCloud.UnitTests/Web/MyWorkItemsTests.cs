using IsmsCloud.Web.Api;
using IsmsCloud.Web.Components.Pages.MyWork;

namespace IsmsCloud.UnitTests.Web;

public sealed class MyWorkItemsTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    [Theory]
    [InlineData(-6, "Overdue by 6 days", 6)]
    [InlineData(-1, "Overdue by 1 day", 1)]
    [InlineData(0, "Due today", 0)]
    [InlineData(1, "Due in 1 day (2026-12-03)", 0)]
    [InlineData(10, "Due in 10 days (2026-12-12)", 0)]
    public void When_says_how_late_or_how_soon_in_words(int dueInDays, string expected, int overdue)
    {
        var item = new MyWorkItem("Patch", "Treatment action", "risks/1", Today.AddDays(dueInDays));
        Assert.Equal(expected, item.When(Today));
        Assert.Equal(overdue, item.DaysOverdue(Today));
    }

    [Fact]
    public void An_undated_item_is_never_overdue_and_sorts_after_the_dated_ones()
    {
        var undated = new MyWorkItem("Questionnaire", "to review", "suppliers/1", null);
        Assert.Equal("", undated.When(Today));
        Assert.Equal(0, undated.DaysOverdue(Today));

        var page = new PagedResult<MyWorkItem>([undated, new("Later", "", "x", Today.AddDays(3)), new("Late", "", "x", Today.AddDays(-9))], 1, 100, 3);
        var section = MyWorkSection.Of("s", "Section", "None.", new ApiResult<PagedResult<MyWorkItem>>(page, null));
        Assert.Equal(["Late", "Later", "Questionnaire"], section.Items.Select(i => i.Title));
        Assert.Equal(1, section.Overdue(Today));
        Assert.Equal(3, section.TotalCount);
    }

    [Fact]
    public void Evidence_is_due_one_cadence_after_the_newest_coverage_and_at_once_when_there_is_none()
    {
        var id = Guid.NewGuid();
        ControlDto Control(DateOnly? newest) => new(id, "A.8.13", "Information backup", ControlTheme.Technological, false, null, true, "Needed",
            ImplementationStatus.Implemented, "me@example.com", 30, newest, EvidenceFreshness.Fresh, 0, 0, DateTimeOffset.UtcNow);

        Assert.Equal(Today.AddDays(25), MyWorkRows.Of(Control(Today.AddDays(-5)), Today).DueOn);
        var none = MyWorkRows.Of(Control(null), Today);
        Assert.Equal(Today, none.DueOn);
        Assert.Contains("none recorded yet", none.Detail, StringComparison.Ordinal);
        Assert.Equal($"soa/controls/{id}", none.Href);
    }

    [Fact]
    public void A_failed_call_keeps_its_problem_and_shows_no_items()
    {
        var failed = MyWorkRows.Map(new ApiResult<PagedResult<ControlDto>>(null, ApiProblem.Unreachable), c => MyWorkRows.Of(c, Today));
        var section = MyWorkSection.Of("evidence", "Evidence due", "None.", failed);
        Assert.Same(ApiProblem.Unreachable, section.Problem);
        Assert.Empty(section.Items);
        Assert.Equal(0, section.TotalCount);
    }
}
