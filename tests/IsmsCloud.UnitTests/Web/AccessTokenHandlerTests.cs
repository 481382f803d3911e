using System.Net;
using IsmsCloud.Contracts;
using IsmsCloud.Web.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IsmsCloud.UnitTests.Web;

/// <summary>What a page's API call sees when the API answers 401 to a token that has not expired yet.</summary>
public sealed class AccessTokenHandlerTests
{
    private readonly SignInFixture signIn = new();
    private readonly SignInSession session = new();
    private readonly List<(string? Token, string? Body)> sent = [];

    [Fact]
    public async Task A_401_is_answered_by_one_refresh_and_the_call_is_sent_once_more_with_the_new_token()
    {
        await signIn.Store.GetCurrentAsync(SignInFixture.Session, signIn.SignedIn(), CancellationToken.None);
        using var client = Client(acceptedToken: "access-2");

        using var response = await client.SendAsync(Post(new StringContent("{\"title\":\"x\"}")), CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([("access-1", "{\"title\":\"x\"}"), ("access-2", "{\"title\":\"x\"}")], sent);
        Assert.Equal(1, signIn.Refreshes);
        Assert.False(session.HasEnded);
    }

    [Fact]
    public async Task A_second_401_after_the_refresh_is_the_answer_no_loop()
    {
        await signIn.Store.GetCurrentAsync(SignInFixture.Session, signIn.SignedIn(), CancellationToken.None);
        using var client = Client(acceptedToken: "never");

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://gateway/api/risk/risks"), CancellationToken.None);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(2, sent.Count);
        Assert.Equal(1, signIn.Refreshes);
    }

    [Fact]
    public async Task A_refused_refresh_tells_the_page_that_the_sign_in_ended()
    {
        signIn.Answer = SignInFixture.InvalidGrant;
        await signIn.Store.GetCurrentAsync(SignInFixture.Session, signIn.SignedIn(), CancellationToken.None);
        using var client = Client(acceptedToken: "access-2");

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://gateway/api/identity/members"), CancellationToken.None);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(session.HasEnded);
        Assert.Single(sent);
    }

    [Fact]
    public async Task A_streamed_upload_is_not_sent_twice_but_the_next_call_has_the_new_token()
    {
        await signIn.Store.GetCurrentAsync(SignInFixture.Session, signIn.SignedIn(), CancellationToken.None);
        using var client = Client(acceptedToken: "access-2");

        using var upload = await client.SendAsync(Post(new StreamContent(new MemoryStream([1, 2, 3]))), CancellationToken.None);
        using var next = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://gateway/api/risk/risks"), CancellationToken.None);

        Assert.Equal(HttpStatusCode.Unauthorized, upload.StatusCode);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(["access-1", "access-2"], sent.Select(s => s.Token));
    }

    private static HttpRequestMessage Post(HttpContent content) => new(HttpMethod.Post, "http://gateway/api/risk/risks") { Content = content };

    /// <summary>
    /// A client whose API accepts only <paramref name="acceptedToken"/>, for the user signed in with access-1. Called
    /// from the test itself: HttpContextAccessor keeps the context in an AsyncLocal, which a helper's async method
    /// would not hand back.
    /// </summary>
    private HttpMessageInvoker Client(string acceptedToken)
    {
        var services = new ServiceCollection().AddSingleton(session).BuildServiceProvider();
        var context = new DefaultHttpContext { User = SignInFixture.User(IsmsRoles.Viewer), RequestServices = services };
        var handler = new AccessTokenHandler(new CircuitServicesAccessor(), new HttpContextAccessor { HttpContext = context }, signIn.Store)
        {
            InnerHandler = new Api(acceptedToken, sent),
        };
        return new HttpMessageInvoker(handler);
    }

    private sealed class Api(string acceptedToken, List<(string? Token, string? Body)> sent) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var token = request.Headers.Authorization?.Parameter;
            var body = request.Content is null or StreamContent ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            sent.Add((token, body));
            return new HttpResponseMessage(token == acceptedToken ? HttpStatusCode.OK : HttpStatusCode.Unauthorized);
        }
    }
}
