using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace IsmsCloud.IntegrationTests;

[Collection(PlatformCollection.Name)]
public sealed class TenantIsolationTests(PlatformFixture platform)
{
    [Fact]
    public async Task Another_tenants_risk_answers_404_to_read_update_and_delete_and_never_shows_in_lists()
    {
        var a = await platform.OnboardTenantAsync();
        var b = await platform.OnboardTenantAsync();
        using var asA = platform.RiskApi(a.Tokens.AccessToken);
        using var asB = platform.RiskApi(b.Tokens.AccessToken);
        var risk = await asA.CreateRiskAsync("Laptop theft exposes customer data");
        var id = risk.GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await asB.GetAsync($"/api/risk/risks/{id}")).StatusCode);
        var update = await asB.PutAsJsonAsync($"/api/risk/risks/{id}", RiskApiClient.UpdateBody("Hijacked", 1, 1, version: 0));
        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asB.DeleteAsync($"/api/risk/risks/{id}")).StatusCode);
        var listOfB = await asB.GetFromJsonAsync<JsonElement>("/api/risk/risks?search=Laptop");
        Assert.Equal(0, listOfB.GetProperty("totalCount").GetInt32());

        // A's risk is untouched.
        var ofA = await asA.GetFromJsonAsync<JsonElement>($"/api/risk/risks/{id}");
        Assert.Equal("Laptop theft exposes customer data", ofA.GetProperty("risk").GetProperty("title").GetString());
        Assert.Equal(1, (await asA.GetFromJsonAsync<JsonElement>("/api/risk/risks")).GetProperty("totalCount").GetInt32());
        Assert.Equal(1, (await asA.GetFromJsonAsync<JsonElement>("/api/risk/risks?search=laptop%20THEFT")).GetProperty("totalCount").GetInt32());
        Assert.Equal(0, (await asA.GetFromJsonAsync<JsonElement>("/api/risk/risks?search=100%25")).GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task A_risk_created_in_risk_api_is_counted_by_reporting_for_its_tenant_only()
    {
        var a = await platform.OnboardTenantAsync();
        var b = await platform.OnboardTenantAsync();
        using var riskA = platform.RiskApi(a.Tokens.AccessToken);
        using var reportingA = platform.ReportingApi(a.Tokens.AccessToken);
        using var reportingB = platform.ReportingApi(b.Tokens.AccessToken);

        await riskA.CreateRiskAsync("Ransomware on file shares", likelihood: 4, impact: 5);
        await riskA.CreateRiskAsync("Phishing of finance staff", likelihood: 2, impact: 2);

        var count = await Testing.Eventually.ReturnsAsync(reportingA.RiskCountAsync, n => n == 2, because: "reporting should count A's two risks");
        Assert.Equal(2, count);
        var summary = await reportingA.GetFromJsonAsync<JsonElement>("/api/reporting/risk-summary");
        Assert.Equal(1, summary.GetProperty("byBand").GetProperty("Critical").GetInt32());
        Assert.Equal(1, summary.GetProperty("byBand").GetProperty("Low").GetInt32());
        Assert.Equal(0, await reportingB.RiskCountAsync());
    }

    [Fact]
    public async Task Another_tenants_members_and_invitations_answer_404_and_never_show_in_lists()
    {
        var a = await platform.OnboardTenantAsync();
        var b = await platform.OnboardTenantAsync();
        var memberOfA = await platform.AddMemberAsync(a, Contracts.IsmsRoles.Viewer);
        var memberId = Testing.JwtPayload.Read(memberOfA.AccessToken).GetProperty(Contracts.IsmsClaims.Subject).GetString();
        await platform.InviteAsync(a, "pending@isolation.example", Contracts.IsmsRoles.Viewer);
        using var asA = platform.IdentityApi(a.Tokens.AccessToken);
        using var asB = platform.IdentityApi(b.Tokens.AccessToken);
        var invitationId = (await asA.GetFromJsonAsync<JsonElement>("/api/identity/invitations")).GetProperty("items")[0].GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await asB.GetAsync($"/api/identity/members/{memberId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asB.PutAsJsonAsync($"/api/identity/members/{memberId}", new { role = "TenantAdmin" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asB.PostAsync($"/api/identity/members/{memberId}/suspend", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asB.PostAsync($"/api/identity/members/{memberId}/reactivate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asB.DeleteAsync($"/api/identity/members/{memberId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asB.PostAsync($"/api/identity/invitations/{invitationId}/resend", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asB.DeleteAsync($"/api/identity/invitations/{invitationId}")).StatusCode);
        var membersOfB = await asB.GetFromJsonAsync<JsonElement>("/api/identity/members?pageSize=200");
        Assert.DoesNotContain(membersOfB.GetProperty("items").EnumerateArray(), m => m.GetProperty("userId").GetString() == memberId);
        Assert.Equal(0, (await asB.GetFromJsonAsync<JsonElement>("/api/identity/invitations")).GetProperty("totalCount").GetInt32());

        // A's member and invitation are untouched; a member who is no admin cannot manage members at all.
        Assert.Equal("Viewer", (await asA.GetFromJsonAsync<JsonElement>($"/api/identity/members/{memberId}")).GetProperty("role").GetString());
        Assert.Equal(1, (await asA.GetFromJsonAsync<JsonElement>("/api/identity/invitations")).GetProperty("totalCount").GetInt32());
        using var viewer = platform.IdentityApi(memberOfA.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/identity/invitations", new { email = "x@y.example", role = "TenantAdmin" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/identity/members")).StatusCode);
    }

    [Fact]
    public async Task A_stale_update_answers_409()
    {
        var a = await platform.OnboardTenantAsync();
        using var asA = platform.RiskApi(a.Tokens.AccessToken);
        var risk = await asA.CreateRiskAsync("Backup restore never tested");
        var id = risk.GetProperty("id").GetGuid();
        var version = risk.GetProperty("version").GetUInt32();

        var first = await asA.PutAsJsonAsync($"/api/risk/risks/{id}", RiskApiClient.UpdateBody("Backup restore never tested", 4, 4, version));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var stale = await asA.PutAsJsonAsync($"/api/risk/risks/{id}", RiskApiClient.UpdateBody("Someone else's edit", 1, 1, version));

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.Equal(16, (await asA.GetFromJsonAsync<JsonElement>($"/api/risk/risks/{id}")).GetProperty("risk").GetProperty("residualScore").GetInt32());
    }
}
