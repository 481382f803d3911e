using IsmsCloud.Web.Api;
using IsmsCloud.Web.Components.Pages.Exceptions;

namespace IsmsCloud.UnitTests.Web;

/// <summary>The date the approve and renew dialog suggests: one risk-api accepts, from the tenant's limit rather than a fixed 90 days.</summary>
public sealed class ExceptionExpiryDefaultTests
{
    private static readonly DateOnly Today = new(2026, 3, 1);

    private static ExceptionDto Exception(DateOnly requested, DateOnly? expires = null) => new(
        Guid.NewGuid(), Guid.NewGuid(), "A.8.5", "Secure authentication", Guid.NewGuid(), "Risk", "Scope", "Reason", "Compensating", "a@x.example",
        DateTimeOffset.UnixEpoch, requested, null, null, null, expires, expires is null ? ExceptionStatus.Requested : ExceptionStatus.Approved,
        0, 0, false, null, null, 1);

    [Fact]
    public void Approval_suggests_the_date_asked_for()
    {
        Assert.Equal(Today.AddDays(60), DecideExceptionDialog.DefaultExpiry(Exception(Today.AddDays(60)), renewal: false, Today, 180));
    }

    [Fact]
    public void Approval_of_a_date_past_the_limit_suggests_the_limit()
    {
        Assert.Equal(Today.AddDays(30), DecideExceptionDialog.DefaultExpiry(Exception(Today.AddDays(90)), renewal: false, Today, 30));
    }

    [Fact]
    public void Renewal_suggests_the_tenants_longest_from_today()
    {
        var granted = Exception(Today.AddDays(-100), expires: Today.AddDays(5));

        Assert.Equal(Today.AddDays(120), DecideExceptionDialog.DefaultExpiry(granted, renewal: true, Today, 120));
    }

    [Fact]
    public void Without_the_settings_a_renewal_suggests_the_current_expiry()
    {
        var granted = Exception(Today.AddDays(-100), expires: Today.AddDays(5));

        Assert.Equal(Today.AddDays(5), DecideExceptionDialog.DefaultExpiry(granted, renewal: true, Today, null));
    }
}
