using IsmsCloud.Contracts;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Identity.Members;

namespace IsmsCloud.UnitTests.Members;

public sealed class InvitationRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_invitation_is_pending_for_seven_days_and_only_its_hash_is_kept()
    {
        var (invitation, token) = Invitation.Create(Guid.NewGuid(), " Nova@Example.COM ", IsmsRoles.Viewer, null, Guid.NewGuid(), Now);

        Assert.Equal("nova@example.com", invitation.Email);
        Assert.Equal(Invitation.Hash(token), invitation.TokenHash);
        Assert.DoesNotContain(token, invitation.TokenHash, StringComparison.Ordinal);
        Assert.Equal(InvitationStatus.Pending, invitation.StatusAt(Now.AddDays(7).AddSeconds(-1)));
        Assert.Equal(InvitationStatus.Expired, invitation.StatusAt(Now.AddDays(7)));
    }

    [Fact]
    public void Resending_replaces_the_link_and_restarts_the_week()
    {
        var (invitation, first) = Invitation.Create(Guid.NewGuid(), "a@b.example", IsmsRoles.Viewer, null, Guid.NewGuid(), Now);
        var second = invitation.Resend(Now.AddDays(8));

        Assert.NotEqual(first, second);
        Assert.Equal(Invitation.Hash(second), invitation.TokenHash);
        Assert.Equal(2, invitation.SendCount);
        Assert.Equal(InvitationStatus.Pending, invitation.StatusAt(Now.AddDays(14)));
    }

    [Fact]
    public void Accepted_and_revoked_are_final()
    {
        var (accepted, _) = Invitation.Create(Guid.NewGuid(), "a@b.example", IsmsRoles.Viewer, null, Guid.NewGuid(), Now);
        accepted.Accept(Guid.NewGuid(), Now.AddHours(1));
        var (revoked, _) = Invitation.Create(Guid.NewGuid(), "c@b.example", IsmsRoles.Viewer, null, Guid.NewGuid(), Now);
        revoked.Revoke(Now.AddHours(1));

        Assert.Equal(InvitationStatus.Accepted, accepted.StatusAt(Now.AddDays(30)));
        Assert.Equal(InvitationStatus.Revoked, revoked.StatusAt(Now.AddHours(2)));
    }

    [Theory]
    [InlineData(IsmsRoles.Auditor, 30, null)]
    [InlineData(IsmsRoles.Viewer, 30, "accessEndsAt")]
    [InlineData(IsmsRoles.Auditor, -1, "accessEndsAt")]
    [InlineData(IsmsRoles.Auditor, 400, "accessEndsAt")]
    [InlineData("Overlord", null, "role")]
    public void Only_a_guest_auditors_access_ends_and_only_within_a_year(string role, int? daysAhead, string? field)
    {
        var errors = MemberAccessRules.Validate(role, daysAhead is { } d ? Now.AddDays(d) : null, Now);
        if (field is null)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Equal(field, Assert.Single(errors).Key);
        }
    }

    [Fact]
    public void Every_change_of_a_membership_moves_its_revision_on_and_a_rejoin_continues_the_count()
    {
        var membership = Membership.Start(Guid.NewGuid(), Guid.NewGuid(), IsmsRoles.Viewer, null, Now);
        membership.ChangeAccess(IsmsRoles.IsmsManager, null, Now.AddMinutes(1));
        membership.Suspend(Now.AddMinutes(2));
        Assert.False(membership.IsActiveAt(Now.AddMinutes(3)));
        membership.Remove(Now.AddMinutes(3));
        membership.Rejoin(IsmsRoles.Auditor, Now.AddDays(10), Now.AddMinutes(4));

        Assert.Equal(4, membership.Revision);
        Assert.Equal(MemberStatus.Active, membership.Status);
        Assert.True(membership.IsActiveAt(Now.AddDays(9)));
        Assert.False(membership.IsActiveAt(Now.AddDays(10)));
        Assert.False(membership.IsActiveAdminAt(Now));
    }
}
