using System.Security.Claims;
using IsmsCloud.BuildingBlocks.Members;
using IsmsCloud.Contracts;
using IsmsCloud.Contracts.Events;

namespace IsmsCloud.UnitTests.Members;

/// <summary>The rule every service applies to a member's token against its member directory.</summary>
public sealed class MemberAccessTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static ClaimsPrincipal Token(int? revision, DateTimeOffset? endsAt = null)
    {
        var claims = new List<Claim> { new(IsmsClaims.Subject, Guid.NewGuid().ToString()) };
        if (revision is { } r)
        {
            claims.Add(new Claim(IsmsClaims.MembershipRevision, r.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (endsAt is { } end)
        {
            claims.Add(new Claim(IsmsClaims.AccessEndsAt, end.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "Bearer"));
    }

    [Fact]
    public void A_member_the_directory_has_not_heard_of_yet_is_let_in() =>
        Assert.Null(MemberAccess.Refusal(Token(0), null, Now));

    [Fact]
    public void A_token_of_the_current_revision_of_an_active_member_is_let_in() =>
        Assert.Null(MemberAccess.Refusal(Token(3), new MemberStanding(MemberStatus.Active, 3, null), Now));

    [Theory]
    [InlineData(MemberStatus.Removed, "no longer a member")]
    [InlineData(MemberStatus.Suspended, "suspended")]
    public void A_removed_or_suspended_members_older_token_is_refused(MemberStatus status, string reason) =>
        Assert.Contains(reason, MemberAccess.Refusal(Token(2), new MemberStanding(status, 3, null), Now), StringComparison.Ordinal);

    [Fact]
    public void A_token_older_than_a_role_change_is_refused() =>
        Assert.Contains("role in this tenant changed", MemberAccess.Refusal(Token(2), new MemberStanding(MemberStatus.Active, 3, null), Now), StringComparison.Ordinal);

    [Fact]
    public void A_token_newer_than_the_directory_wins_while_the_event_is_on_its_way() =>
        // Re-invited after removal: identity issued revision 4, this service still holds the removal (3).
        Assert.Null(MemberAccess.Refusal(Token(4), new MemberStanding(MemberStatus.Removed, 3, null), Now));

    [Fact]
    public void A_token_from_before_revisions_existed_is_judged_by_status_alone()
    {
        Assert.Null(MemberAccess.Refusal(Token(null), new MemberStanding(MemberStatus.Active, 5, null), Now));
        Assert.NotNull(MemberAccess.Refusal(Token(null), new MemberStanding(MemberStatus.Removed, 5, null), Now));
    }

    [Fact]
    public void A_guests_token_stops_at_the_end_of_access_even_before_the_directory_knows_the_guest()
    {
        Assert.Null(MemberAccess.Refusal(Token(0, Now.AddSeconds(1)), null, Now));
        Assert.Contains("guest access", MemberAccess.Refusal(Token(0, Now), null, Now), StringComparison.Ordinal);
        Assert.Contains("guest access", MemberAccess.Refusal(Token(0), new MemberStanding(MemberStatus.Active, 0, Now.AddMinutes(-1)), Now), StringComparison.Ordinal);
    }

    [Fact]
    public void The_acting_user_and_everyone_while_the_directory_fills_are_accepted_as_owners()
    {
        var members = new ActiveMembers(new HashSet<string>(["riley@acme.example"], StringComparer.OrdinalIgnoreCase), "me@acme.example", directoryFilling: false);
        Assert.True(members.Accepts("Riley@Acme.example "));
        Assert.True(members.Accepts("ME@acme.example"));
        Assert.False(members.Accepts("stranger@acme.example"));
        Assert.True(new ActiveMembers([], null, directoryFilling: true).Accepts("anyone@acme.example"));
    }
}
