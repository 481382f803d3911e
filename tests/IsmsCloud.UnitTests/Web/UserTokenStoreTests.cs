using IsmsCloud.Contracts;
using Microsoft.IdentityModel.Tokens;

namespace IsmsCloud.UnitTests.Web;

/// <summary>
/// An API's 401 to an unexpired token (a changed role, a removal): one refresh for every call that saw it, so a
/// rotated refresh token is redeemed once; identity-api's refusal ends the sign-in for good.
/// </summary>
public sealed class UserTokenStoreTests
{
    private readonly SignInFixture signIn = new();

    [Fact]
    public async Task A_rejected_token_is_refreshed_once_for_all_the_calls_that_saw_it_rejected()
    {
        await signIn.Store.GetCurrentAsync(SignInFixture.Session, signIn.SignedIn(), CancellationToken.None);
        signIn.Answer = () => SignInFixture.Tokens("access-2", SignInFixture.IdToken(IsmsRoles.RiskOwner));

        var renewals = await Task.WhenAll(Enumerable.Range(0, 5)
            .Select(_ => signIn.Store.RenewRejectedAsync(SignInFixture.Session, "access-1", CancellationToken.None)));

        Assert.Equal(1, signIn.Refreshes);
        Assert.All(renewals, r => Assert.Equal("access-2", r.Tokens?.AccessToken));
        Assert.Equal([IsmsRoles.RiskOwner], renewals[0].Tokens!.Roles);
        var current = await signIn.Store.GetCurrentAsync(SignInFixture.Session, signIn.SignedIn(), CancellationToken.None);
        Assert.Equal("access-2", current?.AccessToken);
        Assert.Equal("refresh-access-2", current?.RefreshToken);
    }

    [Fact]
    public async Task A_refused_refresh_ends_the_sign_in_and_the_cookies_tokens_cannot_bring_it_back()
    {
        await signIn.Store.GetCurrentAsync(SignInFixture.Session, signIn.SignedIn(), CancellationToken.None);
        signIn.Answer = SignInFixture.InvalidGrant;

        var renewal = await signIn.Store.RenewRejectedAsync(SignInFixture.Session, "access-1", CancellationToken.None);

        Assert.True(renewal.SignInEnded);
        Assert.True(await signIn.Store.HasEndedAsync(SignInFixture.Session, CancellationToken.None));
        // The cookie still holds the old, unexpired access token: it must not seed the sign-in again.
        Assert.Null(await signIn.Store.GetCurrentAsync(SignInFixture.Session, signIn.SignedIn(), CancellationToken.None));
        Assert.True((await signIn.Store.RenewRejectedAsync(SignInFixture.Session, "access-1", CancellationToken.None)).SignInEnded);
        Assert.Equal(1, signIn.Refreshes);
    }

    [Fact]
    public async Task When_identity_does_not_answer_the_refusal_stands_for_the_call_and_the_sign_in_goes_on()
    {
        await signIn.Store.GetCurrentAsync(SignInFixture.Session, signIn.SignedIn(), CancellationToken.None);
        signIn.Answer = () => new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable);

        var renewal = await signIn.Store.RenewRejectedAsync(SignInFixture.Session, "access-1", CancellationToken.None);

        Assert.False(renewal.SignInEnded);
        Assert.Null(renewal.Tokens);
        Assert.False(await signIn.Store.HasEndedAsync(SignInFixture.Session, CancellationToken.None));
        Assert.Equal("access-1", (await signIn.Store.GetCurrentAsync(SignInFixture.Session, null, CancellationToken.None))?.AccessToken);
    }

    [Fact]
    public async Task An_identity_token_that_does_not_validate_is_not_believed()
    {
        await signIn.Store.GetCurrentAsync(SignInFixture.Session, signIn.SignedIn(), CancellationToken.None);
        var otherKey = new SymmetricSecurityKey(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());
        signIn.Answer = () => SignInFixture.Tokens("access-2", SignInFixture.IdToken(IsmsRoles.TenantAdmin, otherKey));

        var renewal = await signIn.Store.RenewRejectedAsync(SignInFixture.Session, "access-1", CancellationToken.None);

        Assert.True(renewal.SignInEnded);
    }

    [Fact]
    public async Task A_refresh_refused_when_the_token_nears_expiry_ends_the_sign_in_too()
    {
        await signIn.Store.GetCurrentAsync(SignInFixture.Session, signIn.SignedIn(), CancellationToken.None);
        signIn.Answer = SignInFixture.InvalidGrant;
        signIn.Clock.Advance(TimeSpan.FromMinutes(29.5));

        Assert.Null(await signIn.Store.GetCurrentAsync(SignInFixture.Session, null, CancellationToken.None));
        Assert.True(await signIn.Store.HasEndedAsync(SignInFixture.Session, CancellationToken.None));
    }

    [Fact]
    public async Task Signing_out_forgets_the_tokens_without_marking_the_sign_in_ended()
    {
        await signIn.Store.GetCurrentAsync(SignInFixture.Session, signIn.SignedIn(), CancellationToken.None);

        await signIn.Store.ForgetAsync(SignInFixture.Session);

        Assert.False(await signIn.Store.HasEndedAsync(SignInFixture.Session, CancellationToken.None));
        Assert.Null(await signIn.Store.GetCurrentAsync(SignInFixture.Session, null, CancellationToken.None));
    }
}
