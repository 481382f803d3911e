using IsmsCloud.Contracts;
using IsmsCloud.Web.Auth;

namespace IsmsCloud.UnitTests.Web;

public sealed class SignInRolesTests
{
    [Fact]
    public void The_roles_of_a_refresh_replace_the_sign_ins_and_keep_everything_else()
    {
        var user = SignInFixture.User(IsmsRoles.Viewer);

        var changed = SignInRoles.With(user, [IsmsRoles.RiskOwner]);

        Assert.Equal([IsmsRoles.RiskOwner], changed.Roles());
        Assert.True(changed.IsInRole(IsmsRoles.RiskOwner));
        Assert.Equal(SignInFixture.Session, changed.FindFirst(WebClaims.Session)?.Value);
        Assert.Equal("Pat", changed.DisplayName());
        Assert.Equal([IsmsRoles.Viewer], user.Roles());
    }

    [Fact]
    public void The_same_roles_or_none_known_leave_the_user_as_it_is()
    {
        var user = SignInFixture.User(IsmsRoles.Viewer);

        Assert.Same(user, SignInRoles.With(user, [IsmsRoles.Viewer]));
        Assert.Same(user, SignInRoles.With(user, null));
    }
}
