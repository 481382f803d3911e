using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IsmsCloud.Contracts;
using IsmsCloud.Testing;

namespace IsmsCloud.SystemTests;

/// <summary>What the browser tests that onboard a tenant of their own do through the API before the browser opens.</summary>
internal static class NewTenantMembers
{
    public const string Password = "System-Pass-2026!";

    public sealed record Member(string Email, TokenSet Tokens);

    /// <summary>The e-mail of the tenant's first admin, as their token names it.</summary>
    public static string EmailOf(TokenSet tokens) => JwtPayload.Read(tokens.AccessToken).GetProperty(IsmsClaims.Email).GetString()!;

    /// <summary>Invites <c>{localPart}@{the tenant's domain}</c> in <paramref name="role"/>, accepts the invitation and signs them in.</summary>
    public static async Task<Member> InviteAsync(HttpClient asAdmin, TokenSet admin, string localPart, string role)
    {
        var slug = EmailOf(admin).Split('@')[1].Replace(".example", "", StringComparison.Ordinal);
        var email = $"{localPart}@{slug}.example";
        var invited = await asAdmin.PostAsJsonAsync("/api/identity/invitations", new { email, role });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var link = (await invited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("invitationLink").GetString()!;
        Assert.True((await SystemFixture.Oidc().AcceptInvitationAsync(link, Password)).Accepted);
        return new Member(email, await SystemFixture.Oidc().SignInAsync(email, Password));
    }

    /// <summary>Retries a write until the service's member directory has heard of the people it names (events are asynchronous).</summary>
    public static async Task<JsonElement> CreatedAsync(HttpClient api, string path, object body)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var response = await api.PostAsJsonAsync(path, body);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
            {
                return JsonDocument.Parse(text).RootElement.Clone();
            }

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest && DateTime.UtcNow < deadline, $"{path}: {(int)response.StatusCode} {text}");
            await Task.Delay(250);
        }
    }
}
