using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IsmsCloud.Audits.Infrastructure;
using IsmsCloud.IntegrationTests.Risk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IsmsCloud.IntegrationTests.AuditProgramme.AuditProgrammeApiClient;

namespace IsmsCloud.IntegrationTests.AuditProgramme;

/// <summary>Rule 9 on PostgreSQL: CSV import all or nothing, New/Unchanged tagging, decisions, verification, close rules, signal 4.</summary>
[Collection(PlatformCollection.Name)]
public sealed class AccessReviewCampaignTests(PlatformFixture platform)
{
    private static object Campaign(string system, params string[] reviewers) =>
        new { system, title = $"{system} access review", reviewers, dueOn = Today.AddDays(14) };

    [Fact]
    public async Task Two_thousand_accounts_with_one_bad_row_import_nothing_and_name_the_row_then_the_fixed_file_imports_all()
    {
        var tenant = await platform.OnboardTenantAsync("csv");
        using var audit = platform.AuditApi(tenant.Tokens.AccessToken);
        var campaign = (await audit.PostAsJsonAsync("/api/audit/access-reviews", Campaign("Salesforce", RiskApiClient.Owner)).OkJson(HttpStatusCode.Created)).GetProperty("campaign");

        // Row 1,500 of the data is line 1,501 of the file (the header is line 1).
        var bad = AccountsCsv(2000, (i, f) => i == 1500 ? [f[0], f[1], f[2], f[3], "maybe", f[5]] : f);
        var refused = await audit.PostAsync($"/api/audit/access-reviews/{campaign.Id()}/items/import", Csv(bad));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Equal(["row 1501: privileged"], errors);
        Assert.Equal(0, (await audit.GetFromJsonAsync<JsonElement>($"/api/audit/access-reviews/{campaign.Id()}/items")).GetProperty("totalCount").GetInt32());
        await using (var scope = platform.Audit.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
            Assert.Equal(0, await db.ReviewItems.IgnoreQueryFilters().CountAsync(i => i.CampaignId == campaign.Id()));
        }

        var imported = await audit.PostAsync($"/api/audit/access-reviews/{campaign.Id()}/items/import", Csv(AccountsCsv(2000))).OkJson();
        Assert.Equal(2000, imported.GetProperty("imported").GetInt32());
        Assert.Equal(2000, imported.GetProperty("campaign").GetProperty("items").GetInt32());
        var again = await audit.PostAsync($"/api/audit/access-reviews/{campaign.Id()}/items/import", Csv(AccountsCsv(3)));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var duplicate = await audit.PostAsJsonAsync("/api/audit/access-reviews", Campaign("Other", RiskApiClient.Owner)).OkJson(HttpStatusCode.Created);
        var twice = await audit.PostAsync($"/api/audit/access-reviews/{duplicate.GetProperty("campaign").Id()}/items/import",
            Csv("user,account\nA,acct-1\nB,ACCT-1\n"));
        Assert.Contains("row 3: account", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reviewer_decides_the_items_closing_waits_for_verification_and_the_next_campaign_tags_new_unchanged_and_gone()
    {
        var tenant = await platform.OnboardTenantAsync("review");
        using var manager = platform.AuditApi(tenant.Tokens.AccessToken);
        using var reviewer = platform.AuditApi(await platform.SignInToAsync(tenant, RiskApiClient.Owner));
        using var outsider = platform.AuditApi(await platform.SignInToAsync(tenant, RiskApiClient.OtherOwner));
        var created = (await manager.PostAsJsonAsync("/api/audit/access-reviews", Campaign("GitHub", RiskApiClient.Owner)).OkJson(HttpStatusCode.Created)).GetProperty("campaign");
        var notMember = await manager.PostAsJsonAsync("/api/audit/access-reviews", Campaign("GitHub", "nobody@elsewhere.example"));
        Assert.Contains("reviewers[0]", await notMember.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var id = created.Id();
        Assert.Equal(HttpStatusCode.Conflict, (await manager.PostAsJsonAsync($"/api/audit/access-reviews/{id}/open", new { version = created.Version() })).StatusCode);
        await manager.PostAsync($"/api/audit/access-reviews/{id}/items/import", Csv(AccountsCsv(3))).OkJson();
        var campaign = (await manager.GetFromJsonAsync<JsonElement>($"/api/audit/access-reviews/{id}")).GetProperty("campaign");
        var opened = (await manager.PostAsJsonAsync($"/api/audit/access-reviews/{id}/open", new { version = campaign.Version() }).OkJson()).GetProperty("campaign");
        Assert.Equal("Open", opened.GetProperty("status").GetString());

        var items = (await reviewer.GetFromJsonAsync<JsonElement>($"/api/audit/access-reviews/{id}/items")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, items.Count);
        Assert.All(items, i => Assert.Equal(JsonValueKind.Null, i.GetProperty("change").ValueKind)); // no previous campaign
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsJsonAsync($"/api/audit/access-reviews/{id}/items/{items[0].Id()}/decision", new { decision = "Keep", version = 0 })).StatusCode);
        var noWhy = await reviewer.PostAsJsonAsync($"/api/audit/access-reviews/{id}/items/{items[0].Id()}/decision", new { decision = "Revoke", version = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, noWhy.StatusCode);
        Assert.Contains("justification", await noWhy.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var revoked = await reviewer.PostAsJsonAsync($"/api/audit/access-reviews/{id}/items/{items[0].Id()}/decision", new { decision = "Revoke", justification = "Left in October", version = 0 }).OkJson();
        await reviewer.PostAsJsonAsync($"/api/audit/access-reviews/{id}/items/{items[1].Id()}/decision", new { decision = "Keep", version = 0 }).OkJson();

        campaign = (await manager.GetFromJsonAsync<JsonElement>($"/api/audit/access-reviews/{id}")).GetProperty("campaign");
        Assert.Equal(2.0 / 3, campaign.GetProperty("completion").GetDouble(), 6);
        var undecided = await reviewer.PostAsJsonAsync($"/api/audit/access-reviews/{id}/close", new { version = campaign.Version() });
        Assert.Equal(HttpStatusCode.Conflict, undecided.StatusCode);
        await reviewer.PostAsJsonAsync($"/api/audit/access-reviews/{id}/items/{items[2].Id()}/decision", new { decision = "Keep", version = 0 }).OkJson();
        var unverified = await reviewer.PostAsJsonAsync($"/api/audit/access-reviews/{id}/close", new { version = campaign.Version() });
        Assert.Equal(HttpStatusCode.Conflict, unverified.StatusCode);
        Assert.Contains("not verified", await unverified.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var summary = await manager.GetFromJsonAsync<JsonElement>("/api/audit/access-reviews/summary");
        Assert.Equal(1, summary.GetProperty("unverifiedRevocations").GetInt32());
        Assert.Equal(0, summary.GetProperty("campaigns").GetInt32()); // due in 14 days: not in (D − 365, D] yet

        await manager.PostAsJsonAsync($"/api/audit/access-reviews/{id}/items/{items[0].Id()}/verification",
            new { evidence = "IAM-1042: account disabled", version = revoked.Version() }).OkJson();
        var closed = (await reviewer.PostAsJsonAsync($"/api/audit/access-reviews/{id}/close", new { version = campaign.Version() }).OkJson()).GetProperty("campaign");
        Assert.Equal("Closed", closed.GetProperty("status").GetString());
        var asOfDue = await manager.GetFromJsonAsync<JsonElement>($"/api/audit/access-reviews/summary?asOf={Today.AddDays(14):yyyy-MM-dd}");
        Assert.Equal(1, asOfDue.GetProperty("campaigns").GetInt32());
        Assert.Equal(1.0, asOfDue.GetProperty("completion").GetDouble());
        Assert.Equal(0, asOfDue.GetProperty("unverifiedRevocations").GetInt32());

        // The next campaign of the same system: acct-00002 unchanged, acct-00003 with more rights, acct-00004 new, acct-00001 gone.
        var next = (await manager.PostAsJsonAsync("/api/audit/access-reviews", Campaign("github ", RiskApiClient.Owner)).OkJson(HttpStatusCode.Created)).GetProperty("campaign");
        await manager.PostAsync($"/api/audit/access-reviews/{next.Id()}/items/import",
            Csv(AccountsCsv(3, (i, f) => i == 3 ? [f[0], f[1], f[2], "read;admin", f[4], f[5]] : f, start: 2))).OkJson();
        var detail = await manager.GetFromJsonAsync<JsonElement>($"/api/audit/access-reviews/{next.Id()}");
        Assert.Equal(id, detail.GetProperty("campaign").GetProperty("previousCampaignId").GetGuid());
        Assert.Equal(1, detail.GetProperty("newAccounts").GetInt32());
        Assert.Equal(1, detail.GetProperty("changedAccounts").GetInt32());
        var gone = Assert.Single(detail.GetProperty("disappearedAccounts").EnumerateArray());
        Assert.Equal("acct-00001", gone.GetProperty("account").GetString());
        Assert.Equal("Revoke", gone.GetProperty("previousDecision").GetString());
        var tags = (await manager.GetFromJsonAsync<JsonElement>($"/api/audit/access-reviews/{next.Id()}/items")).GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("account").GetString()!, i => i.GetProperty("change").GetString());
        Assert.Equal("Unchanged", tags["acct-00002"]);
        Assert.Equal("Changed", tags["acct-00003"]);
        Assert.Equal("New", tags["acct-00004"]);
        var export = await manager.GetStringAsync($"/api/audit/export/review-items?campaignId={id}");
        Assert.Contains("IAM-1042", export, StringComparison.Ordinal);
        Assert.DoesNotContain("acct-00004", export, StringComparison.Ordinal);
    }
}
