using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IsmsCloud.IntegrationTests.Risk;
using static IsmsCloud.IntegrationTests.AuditProgramme.AuditProgrammeApiClient;

namespace IsmsCloud.IntegrationTests.AuditProgramme;

/// <summary>Every audit-api endpoint answers 404 for another tenant's ids and keeps its records out of lists, exports and the trail.</summary>
[Collection(PlatformCollection.Name)]
public sealed class AuditProgrammeIsolationTests(PlatformFixture platform)
{
    [Fact]
    public async Task Another_tenants_ids_answer_404_on_every_endpoint_and_never_appear_in_lists_exports_or_the_trail()
    {
        var a = await platform.OnboardTenantAsync("aud-a");
        var b = await platform.OnboardTenantAsync("aud-b");
        using var asA = platform.AuditApi(a.Tokens.AccessToken);
        using var asB = platform.AuditApi(b.Tokens.AccessToken);

        var audit = await asA.RunAuditAsync("Secret audit A", Today, auditor: a.AdminEmail);
        var finding = (await asA.RaiseAsync(audit.Id(), "A.8.8")).GetProperty("finding");
        var action = await asA.PostAsJsonAsync($"/api/audit/findings/{finding.Id()}/actions",
            new { title = "Secret action A", owner = RiskApiClient.Owner, dueOn = Today.AddDays(5) }).OkJson(HttpStatusCode.Created);
        await asA.PutAsync($"/api/audit/corrective-actions/{action.Id()}/evidence-file?fileName=a.pdf", new ByteArrayContent(Trust.TrustApiClient.Pdf)).OkJson();
        var campaign = (await asA.PostAsJsonAsync("/api/audit/access-reviews",
            new { system = "Secret system A", title = "Secret campaign A", reviewers = new[] { RiskApiClient.Owner }, dueOn = Today.AddDays(5) }).OkJson(HttpStatusCode.Created)).GetProperty("campaign");
        await asA.PostAsync($"/api/audit/access-reviews/{campaign.Id()}/items/import", Csv("user,account\nSecret user A,secret-account-a\n")).OkJson();
        var item = (await asA.GetFromJsonAsync<JsonElement>($"/api/audit/access-reviews/{campaign.Id()}/items")).GetProperty("items")[0];

        var gets = new[]
        {
            $"/api/audit/audits/{audit.Id()}", $"/api/audit/findings/{finding.Id()}", $"/api/audit/corrective-actions/{action.Id()}",
            $"/api/audit/corrective-actions/{action.Id()}/evidence-file", $"/api/audit/access-reviews/{campaign.Id()}",
            $"/api/audit/access-reviews/{campaign.Id()}/items", $"/api/audit/export/review-items?campaignId={campaign.Id()}",
        };
        foreach (var url in gets)
        {
            Assert.True((await asB.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, $"GET {url} must be 404 for another tenant");
        }

        var writes = new (HttpMethod Method, string Url, object Body)[]
        {
            (HttpMethod.Put, $"/api/audit/audits/{audit.Id()}", AuditBody("Taken", auditor: b.AdminEmail)),
            (HttpMethod.Post, $"/api/audit/audits/{audit.Id()}/start", new { version = 0 }),
            (HttpMethod.Post, $"/api/audit/audits/{audit.Id()}/complete", new { version = 1 }),
            (HttpMethod.Post, $"/api/audit/audits/{audit.Id()}/cancel", new { version = 1 }),
            (HttpMethod.Post, $"/api/audit/audits/{audit.Id()}/findings", new { kind = "MinorNonconformity", reference = "A.8.8", description = "Injected" }),
            (HttpMethod.Put, $"/api/audit/findings/{finding.Id()}", new { kind = "Observation", reference = "A.8.8", description = "Taken", version = 0 }),
            (HttpMethod.Post, $"/api/audit/findings/{finding.Id()}/withdraw", new { reason = "Taken over", version = 0 }),
            (HttpMethod.Post, $"/api/audit/findings/{finding.Id()}/close", new { version = 0 }),
            (HttpMethod.Post, $"/api/audit/findings/{finding.Id()}/actions", new { title = "Injected", owner = b.AdminEmail, dueOn = Today }),
            (HttpMethod.Put, $"/api/audit/corrective-actions/{action.Id()}", new { title = "Taken", owner = b.AdminEmail, dueOn = Today, status = "InProgress", version = 0 }),
            (HttpMethod.Put, $"/api/audit/corrective-actions/{action.Id()}/evidence-file?fileName=b.pdf", "%PDF-1.4"),
            (HttpMethod.Post, $"/api/audit/corrective-actions/{action.Id()}/close", new { version = 1 }),
            (HttpMethod.Post, $"/api/audit/corrective-actions/{action.Id()}/effectiveness", new { result = "Effective", version = 1 }),
            (HttpMethod.Put, $"/api/audit/access-reviews/{campaign.Id()}", new { title = "Taken", reviewers = new[] { b.AdminEmail }, dueOn = Today, version = 1 }),
            (HttpMethod.Post, $"/api/audit/access-reviews/{campaign.Id()}/items/import", "user,account\nX,y\n"),
            (HttpMethod.Post, $"/api/audit/access-reviews/{campaign.Id()}/items/from-supplier-access", new { system = "Secret system A" }),
            (HttpMethod.Post, $"/api/audit/access-reviews/{campaign.Id()}/open", new { version = 1 }),
            (HttpMethod.Post, $"/api/audit/access-reviews/{campaign.Id()}/close", new { version = 1 }),
            (HttpMethod.Post, $"/api/audit/access-reviews/{campaign.Id()}/cancel", new { version = 1 }),
            (HttpMethod.Post, $"/api/audit/access-reviews/{campaign.Id()}/items/{item.Id()}/decision", new { decision = "Keep", version = 0 }),
            (HttpMethod.Post, $"/api/audit/access-reviews/{campaign.Id()}/items/{item.Id()}/verification", new { evidence = "Taken", version = 0 }),
        };
        foreach (var (method, url, body) in writes)
        {
            using var request = new HttpRequestMessage(method, url)
            {
                Content = body is string text ? new StringContent(text, System.Text.Encoding.UTF8, url.Contains("import", StringComparison.Ordinal) ? "text/csv" : "application/pdf") : JsonContent.Create(body),
            };
            var response = await asB.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {url} must be 404 for another tenant, was {(int)response.StatusCode}");
        }

        foreach (var list in new[] { "/api/audit/audits", "/api/audit/findings", "/api/audit/corrective-actions", "/api/audit/access-reviews" })
        {
            Assert.Equal(0, (await asB.GetFromJsonAsync<JsonElement>(list)).GetProperty("totalCount").GetInt32());
            Assert.Equal(1, (await asA.GetFromJsonAsync<JsonElement>(list)).GetProperty("totalCount").GetInt32());
        }

        // My work's filters, by the owner's name (a colleague in both tenants) and as "me", find none of A's records in B.
        foreach (var list in new[]
        {
            $"/api/audit/corrective-actions?owner={RiskApiClient.Owner}&dueWithinDays=366", "/api/audit/corrective-actions?owner=me&dueWithinDays=366",
            $"/api/audit/access-reviews?reviewer={RiskApiClient.Owner}", "/api/audit/access-reviews?reviewer=me&dueWithinDays=366",
        })
        {
            Assert.Equal(0, (await asB.GetFromJsonAsync<JsonElement>(list)).GetProperty("totalCount").GetInt32());
        }

        Assert.Equal(0, (await asB.GetFromJsonAsync<JsonElement>($"/api/audit/findings?auditId={audit.Id()}")).GetProperty("totalCount").GetInt32());
        foreach (var (register, recordOfA) in new[] { ("audits", audit.Id()), ("findings", finding.Id()), ("corrective-actions", action.Id()), ("review-items", item.Id()) })
        {
            var csv = await asB.GetStringAsync($"/api/audit/export/{register}");
            Assert.DoesNotContain(recordOfA.ToString(), csv, StringComparison.Ordinal);
            Assert.DoesNotContain("Secret", csv, StringComparison.Ordinal);
            Assert.DoesNotContain("secret-account-a", csv, StringComparison.Ordinal);
            Assert.Contains(recordOfA.ToString(), await asA.GetStringAsync($"/api/audit/export/{register}"), StringComparison.Ordinal);
        }

        var trail = await asB.GetStringAsync("/api/audit/audit-trail?pageSize=200");
        Assert.DoesNotContain("Secret", trail, StringComparison.Ordinal);
        Assert.Contains("Secret audit A", await asA.GetStringAsync("/api/audit/audit-trail?pageSize=200"), StringComparison.Ordinal);
        // A's records are untouched.
        Assert.Equal("Secret audit A", (await asA.GetFromJsonAsync<JsonElement>($"/api/audit/audits/{audit.Id()}")).GetProperty("title").GetString());
        Assert.Equal("Open", (await asA.GetFromJsonAsync<JsonElement>($"/api/audit/findings/{finding.Id()}")).GetProperty("finding").GetProperty("status").GetString());
    }
}
