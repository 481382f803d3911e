using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IsmsCloud.IntegrationTests.AuditProgramme;
using IsmsCloud.IntegrationTests.Risk;
using IsmsCloud.IntegrationTests.Suppliers;

namespace IsmsCloud.IntegrationTests.MyWork;

/// <summary>
/// The lists' "mine, due soon" filters that the My work page reads: owner=me (or reviewer=me) is the caller as the
/// service reads them from the token, the due window counts from the service's clock, and neither another member's
/// records nor another tenant's ever appear.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class MyWorkFilterTests(PlatformFixture platform)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static string[] Titles(JsonElement page, string property = "title") =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(property).GetString()!).Order(StringComparer.Ordinal).ToArray();

    private Task<string> SignInAsync(TenantSession tenant, string email) => platform.SignInToAsync(tenant, email);

    [Fact]
    public async Task Risk_lists_give_a_member_their_own_overdue_and_due_soon_actions_exceptions_evidence_and_reviews_only()
    {
        var tenant = await platform.OnboardTenantAsync("mywork");
        var other = await platform.OnboardTenantAsync("mywork-b");
        using var admin = platform.RiskApi(tenant.Tokens.AccessToken);
        using var mine = platform.RiskApi(await SignInAsync(tenant, RiskApiClient.Owner));
        using var theirs = platform.RiskApi(await SignInAsync(tenant, RiskApiClient.OtherOwner));
        using var mineElsewhere = platform.RiskApi(await SignInAsync(other, RiskApiClient.Owner));
        using var otherAdmin = platform.RiskApi(other.Tokens.AccessToken);

        // An AI asset opens a review on every risk that links it (rule 13): one on my risk, one on theirs.
        var ai = await admin.PostAsJsonAsync("/api/risk/assets", new
        {
            name = "Support chatbot", type = "AiSystem", classification = "Confidential", owner = RiskApiClient.Owner, aiModelProvider = "Example AI",
        }).OkJson(HttpStatusCode.Created);
        var myRisk = await admin.PostAsJsonAsync("/api/risk/risks", new
        {
            title = "My risk", owner = RiskApiClient.Owner, inherentLikelihood = 3, inherentImpact = 4, residualLikelihood = 3, residualImpact = 4, assetIds = new[] { ai.Id() },
        }).OkJson(HttpStatusCode.Created);
        await admin.PostAsJsonAsync("/api/risk/risks", new
        {
            title = "Their risk", owner = RiskApiClient.OtherOwner, inherentLikelihood = 3, inherentImpact = 4, residualLikelihood = 3, residualImpact = 4, assetIds = new[] { ai.Id() },
        }).OkJson(HttpStatusCode.Created);

        async Task Action(string title, string owner, int dueInDays, string status = "Planned") =>
            await admin.PostAsJsonAsync($"/api/risk/risks/{myRisk.Id()}/actions", new { title, owner, dueOn = Today.AddDays(dueInDays), status }).OkJson(HttpStatusCode.Created);
        await Action("Mine overdue", RiskApiClient.Owner, -10);
        await Action("Mine due soon", RiskApiClient.Owner, 14);
        await Action("Mine later", RiskApiClient.Owner, 15);
        await Action("Mine done", RiskApiClient.Owner, -3, "Done");
        await Action("Theirs overdue", RiskApiClient.OtherOwner, -5);
        // The same person's action in another tenant.
        var elsewhereRisk = await otherAdmin.CreateRiskAsync("Elsewhere risk");
        await otherAdmin.PostAsJsonAsync($"/api/risk/risks/{elsewhereRisk.Id()}/actions", new { title = "Mine in another tenant", owner = RiskApiClient.Owner, dueOn = Today.AddDays(-1) })
            .OkJson(HttpStatusCode.Created);

        var actions = await mine.GetFromJsonAsync<JsonElement>("/api/risk/actions?owner=me&dueWithinDays=14");
        Assert.Equal(["Mine due soon", "Mine overdue"], Titles(actions));
        Assert.Equal(2, actions.GetProperty("totalCount").GetInt32());
        Assert.Equal(10, actions.GetProperty("items")[0].GetProperty("overdueDays").GetInt32()); // soonest due first: the overdue one
        Assert.Equal(["Theirs overdue"], Titles(await theirs.GetFromJsonAsync<JsonElement>("/api/risk/actions?owner=me&dueWithinDays=14")));
        Assert.Equal(["Mine in another tenant"], Titles(await mineElsewhere.GetFromJsonAsync<JsonElement>("/api/risk/actions?owner=me&dueWithinDays=14")));
        // "me" is the caller, whoever the client says: the admin owns none of these.
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>("/api/risk/actions?owner=me&dueWithinDays=366")).GetProperty("totalCount").GetInt32());

        // Controls: mine without evidence (due at once), mine with fresh evidence (due in 30 days), theirs without.
        var controls = await admin.ControlsAsync();
        await admin.PutAsJsonAsync($"/api/risk/controls/{controls[0].Id()}", RiskTestKit.Control(true, "Needed", owner: RiskApiClient.Owner, cadence: 30)).OkJson();
        await admin.PutAsJsonAsync($"/api/risk/controls/{controls[1].Id()}", RiskTestKit.Control(true, "Needed", owner: RiskApiClient.Owner, cadence: 30)).OkJson();
        await admin.PostAsJsonAsync($"/api/risk/controls/{controls[1].Id()}/evidence", new { title = "Fresh", coversFrom = Today.AddDays(-5), coversTo = Today }).OkJson(HttpStatusCode.Created);
        await admin.PutAsJsonAsync($"/api/risk/controls/{controls[2].Id()}", RiskTestKit.Control(true, "Needed", owner: RiskApiClient.OtherOwner, cadence: 30)).OkJson();
        var evidenceDue = await mine.GetFromJsonAsync<JsonElement>("/api/risk/controls?owner=me&evidenceDueWithinDays=14");
        Assert.Equal([controls[0].GetProperty("reference").GetString()!], Titles(evidenceDue, "reference"));
        Assert.Equal(2, (await mine.GetFromJsonAsync<JsonElement>("/api/risk/controls?owner=me&evidenceDueWithinDays=30")).GetProperty("totalCount").GetInt32());

        // Exceptions: I asked for one ending in 10 days and one in 60; they asked for one on my control (mine to watch too), and one on theirs.
        async Task<JsonElement> Exception(HttpClient asker, Guid controlId, string scope, int days)
        {
            var requested = await asker.PostAsJsonAsync("/api/risk/exceptions", new
            {
                controlId, riskId = myRisk.Id(), affectedScope = scope, reason = "A reason that is long enough", compensatingControls = "Manual checks",
                requestedExpiresOn = Today.AddDays(days),
            }).OkJson(HttpStatusCode.Created);
            return await admin.PostAsJsonAsync($"/api/risk/exceptions/{requested.Id()}/approve", new { expiresOn = Today.AddDays(days), version = 0 }).OkJson();
        }

        await Exception(mine, controls[3].Id(), "Mine ending", 10);
        await Exception(mine, controls[3].Id(), "Mine ending later", 60);
        await Exception(theirs, controls[0].Id(), "On my control", 5);
        await Exception(theirs, controls[2].Id(), "Theirs ending", 5);
        var ending = await mine.GetFromJsonAsync<JsonElement>("/api/risk/exceptions?owner=me&dueWithinDays=14");
        Assert.Equal(["Mine ending", "On my control"], Titles(ending, "affectedScope"));
        Assert.Equal(["On my control", "Theirs ending"], Titles(await theirs.GetFromJsonAsync<JsonElement>("/api/risk/exceptions?owner=me&dueWithinDays=14"), "affectedScope"));
        Assert.Equal(0, (await mineElsewhere.GetFromJsonAsync<JsonElement>("/api/risk/exceptions?owner=me&dueWithinDays=366")).GetProperty("totalCount").GetInt32());

        var reviews = await mine.GetFromJsonAsync<JsonElement>("/api/risk/reviews?owner=me");
        Assert.Equal(1, reviews.GetProperty("totalCount").GetInt32());
        Assert.Equal(myRisk.Id(), reviews.GetProperty("items")[0].GetProperty("subjectId").GetGuid());
        Assert.Equal(0, (await mineElsewhere.GetFromJsonAsync<JsonElement>("/api/risk/reviews?owner=me")).GetProperty("totalCount").GetInt32());

        // Bad windows and owners are 400s field by field, never 500s.
        foreach (var (url, field) in new[]
        {
            ("/api/risk/actions?owner=me&dueWithinDays=-1", "dueWithinDays"), ("/api/risk/actions?dueWithinDays=367", "dueWithinDays"),
            ("/api/risk/exceptions?dueWithinDays=-5", "dueWithinDays"), ("/api/risk/controls?evidenceDueWithinDays=1000", "evidenceDueWithinDays"),
            ($"/api/risk/reviews?owner={new string('x', 201)}", "owner"), ($"/api/risk/exceptions?owner={new string('x', 201)}", "owner"),
        })
        {
            var problem = await mine.GetAsync(url).Problem(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{url}: {problem}");
        }
    }

    [Fact]
    public async Task Audit_lists_give_a_member_their_own_corrective_actions_and_campaigns_to_review_only()
    {
        var tenant = await platform.OnboardTenantAsync("mywork-audit");
        var other = await platform.OnboardTenantAsync("mywork-audit-b");
        using var admin = platform.AuditApi(tenant.Tokens.AccessToken);
        using var otherAdmin = platform.AuditApi(other.Tokens.AccessToken);
        using var mine = platform.AuditApi(await SignInAsync(tenant, RiskApiClient.Owner));
        using var mineElsewhere = platform.AuditApi(await SignInAsync(other, RiskApiClient.Owner));

        var audit = await admin.RunAuditAsync("Internal audit", Today, auditor: tenant.AdminEmail);
        var finding = (await admin.RaiseAsync(audit.Id(), "A.8.13")).GetProperty("finding");
        async Task Action(string title, string owner, int dueInDays) =>
            await admin.PostAsJsonAsync($"/api/audit/findings/{finding.Id()}/actions", new { title, owner, dueOn = Today.AddDays(dueInDays) }).OkJson(HttpStatusCode.Created);
        await Action("Mine overdue", RiskApiClient.Owner, -4);
        await Action("Mine due soon", RiskApiClient.Owner, 7);
        await Action("Mine later", RiskApiClient.Owner, 40);
        await Action("Theirs overdue", RiskApiClient.OtherOwner, -4);
        var elsewhereAudit = await otherAdmin.RunAuditAsync("Other audit", Today, auditor: other.AdminEmail);
        var elsewhereFinding = (await otherAdmin.RaiseAsync(elsewhereAudit.Id(), "A.8.13")).GetProperty("finding");
        await otherAdmin.PostAsJsonAsync($"/api/audit/findings/{elsewhereFinding.Id()}/actions", new { title = "Mine in another tenant", owner = RiskApiClient.Owner, dueOn = Today })
            .OkJson(HttpStatusCode.Created);

        var actions = await mine.GetFromJsonAsync<JsonElement>("/api/audit/corrective-actions?owner=me&dueWithinDays=14");
        Assert.Equal(["Mine due soon", "Mine overdue"], Titles(actions));
        Assert.Equal(4, actions.GetProperty("items")[0].GetProperty("overdueDays").GetInt32());
        Assert.Equal(["Mine in another tenant"], Titles(await mineElsewhere.GetFromJsonAsync<JsonElement>("/api/audit/corrective-actions?owner=me&dueWithinDays=14")));

        // Campaigns: I review one due in 5 days (open) and a draft; they review another open one.
        async Task<JsonElement> Campaign(string system, string reviewer, bool open)
        {
            var created = (await admin.PostAsJsonAsync("/api/audit/access-reviews", new { system, title = $"{system} review", reviewers = new[] { reviewer }, dueOn = Today.AddDays(5) })
                .OkJson(HttpStatusCode.Created)).GetProperty("campaign");
            if (!open)
            {
                return created;
            }

            await admin.PostAsync($"/api/audit/access-reviews/{created.Id()}/items/import", AuditProgrammeApiClient.Csv("user,account\nA,acct-1\nB,acct-2\n")).OkJson();
            var campaign = (await admin.GetFromJsonAsync<JsonElement>($"/api/audit/access-reviews/{created.Id()}")).GetProperty("campaign");
            return (await admin.PostAsJsonAsync($"/api/audit/access-reviews/{created.Id()}/open", new { version = campaign.Version() }).OkJson()).GetProperty("campaign");
        }

        await Campaign("GitHub", RiskApiClient.Owner, open: true);
        await Campaign("Jira", RiskApiClient.Owner, open: false);
        await Campaign("Slack", RiskApiClient.OtherOwner, open: true);
        var toReview = await mine.GetFromJsonAsync<JsonElement>("/api/audit/access-reviews?reviewer=me&dueWithinDays=14");
        Assert.Equal(["GitHub review"], Titles(toReview));
        Assert.Equal(2, toReview.GetProperty("items")[0].GetProperty("items").GetInt32());
        Assert.Equal(2, (await mine.GetFromJsonAsync<JsonElement>("/api/audit/access-reviews?reviewer=me")).GetProperty("totalCount").GetInt32());
        Assert.Equal(0, (await mineElsewhere.GetFromJsonAsync<JsonElement>("/api/audit/access-reviews?reviewer=me")).GetProperty("totalCount").GetInt32());

        foreach (var (url, field) in new[]
        {
            ("/api/audit/corrective-actions?owner=me&dueWithinDays=-1", "dueWithinDays"), ("/api/audit/access-reviews?dueWithinDays=400", "dueWithinDays"),
            ($"/api/audit/access-reviews?reviewer={new string('x', 201)}", "reviewer"),
        })
        {
            var problem = await mine.GetAsync(url).Problem(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{url}: {problem}");
        }
    }

    [Fact]
    public async Task The_assessment_list_across_suppliers_filters_by_status_and_by_the_callers_suppliers_only()
    {
        var tenant = await platform.SupplierTenantAsync("mywork-sup");
        var other = await platform.SupplierTenantAsync("mywork-sup-b");
        using var admin = platform.SupplierApi(tenant.Tokens.AccessToken);
        using var otherAdmin = platform.SupplierApi(other.Tokens.AccessToken);
        using var mine = platform.SupplierApi(await SignInAsync(tenant, RiskApiClient.Owner));
        using var theirs = platform.SupplierApi(await SignInAsync(tenant, RiskApiClient.OtherOwner));
        using var mineElsewhere = platform.SupplierApi(await SignInAsync(other, RiskApiClient.Owner));

        var mySupplier = await admin.PostAsJsonAsync("/api/suppliers", SupplierApiClient.SupplierBody("My supplier")).OkJson(HttpStatusCode.Created);
        var theirSupplier = await admin.PostAsJsonAsync("/api/suppliers", SupplierApiClient.SupplierBody("Their supplier", owner: RiskApiClient.OtherOwner)).OkJson(HttpStatusCode.Created);
        await admin.PostAsJsonAsync($"/api/suppliers/{mySupplier.Id()}/assessments", new { title = "My desk review" }).OkJson(HttpStatusCode.Created);
        await admin.AssessAsync(mySupplier.Id());
        await admin.PostAsJsonAsync($"/api/suppliers/{theirSupplier.Id()}/assessments", new { title = "Their desk review" }).OkJson(HttpStatusCode.Created);
        var elsewhere = await otherAdmin.PostAsJsonAsync("/api/suppliers", SupplierApiClient.SupplierBody("Mine in another tenant")).OkJson(HttpStatusCode.Created);
        await otherAdmin.PostAsJsonAsync($"/api/suppliers/{elsewhere.Id()}/assessments", new { title = "Elsewhere review" }).OkJson(HttpStatusCode.Created);

        var inProgress = await mine.GetFromJsonAsync<JsonElement>("/api/suppliers/assessments?owner=me&status=InProgress");
        Assert.Equal(["My desk review"], Titles(inProgress));
        Assert.Equal("My supplier", inProgress.GetProperty("items")[0].GetProperty("supplierName").GetString());
        Assert.Equal(2, (await mine.GetFromJsonAsync<JsonElement>("/api/suppliers/assessments?owner=me")).GetProperty("totalCount").GetInt32());
        Assert.Equal(["Their desk review"], Titles(await theirs.GetFromJsonAsync<JsonElement>("/api/suppliers/assessments?owner=me")));
        Assert.Equal(["Elsewhere review"], Titles(await mineElsewhere.GetFromJsonAsync<JsonElement>("/api/suppliers/assessments?owner=me")));
        // The admin opened all three of this tenant's, so all are theirs to follow; none of the other tenant's.
        Assert.Equal(3, (await admin.GetFromJsonAsync<JsonElement>("/api/suppliers/assessments?owner=me")).GetProperty("totalCount").GetInt32());
        Assert.Equal(0, (await mine.GetFromJsonAsync<JsonElement>("/api/suppliers/assessments?owner=me&status=Submitted")).GetProperty("totalCount").GetInt32());

        foreach (var (url, field) in new[]
        {
            ($"/api/suppliers/assessments?owner={new string('x', 201)}", "owner"), ("/api/suppliers/assessments?pageSize=0", "pageSize"),
        })
        {
            var problem = await mine.GetAsync(url).Problem(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{url}: {problem}");
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await mine.GetAsync("/api/suppliers/assessments?status=Nonsense")).StatusCode);
    }
}
