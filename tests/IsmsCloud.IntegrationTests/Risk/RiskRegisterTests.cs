using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Contracts;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Risk.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IsmsCloud.IntegrationTests.Risk;

[Collection(PlatformCollection.Name)]
public sealed class RiskRegisterTests(PlatformFixture platform)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task Onboarding_seeds_the_soa_with_the_93_annex_a_controls_undecided()
    {
        var tenant = await platform.OnboardTenantAsync();
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);

        var controls = await risk.ControlsAsync();

        Assert.Equal(93, controls.Length);
        Assert.Equal("A.5.1", controls[0].GetProperty("reference").GetString());
        Assert.All(controls, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("applicable").ValueKind));
        var undecided = await risk.GetFromJsonAsync<JsonElement>("/api/risk/controls?applicability=Undecided&theme=People");
        Assert.Equal(8, undecided.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task A_tenant_onboarded_before_the_soa_existed_gets_it_at_start_up()
    {
        var tenant = await platform.OnboardTenantAsync();
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        await risk.ControlsAsync();
        await using (var scope = platform.Risk.Services.CreateAsyncScope())
        {
            // As for a tenant onboarded before risk-api seeded the catalogue: no controls.
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant.TenantId);
            var db = scope.ServiceProvider.GetRequiredService<RiskDbContext>();
            db.Controls.RemoveRange(await db.Controls.ToListAsync());
            await db.SaveChangesAsync();
        }

        Assert.Equal(0, (await risk.GetFromJsonAsync<JsonElement>("/api/risk/controls")).GetProperty("totalCount").GetInt32());
        Assert.True(await platform.Risk.Services.GetRequiredService<ExpirySweep>().SeedMissingSoasAsync(CancellationToken.None) >= 1);
        Assert.Equal(93, (await risk.GetFromJsonAsync<JsonElement>("/api/risk/controls?pageSize=200")).GetProperty("totalCount").GetInt32());
        // Tenants that have their catalogue are left alone: a second start seeds nothing.
        Assert.Equal(0, await platform.Risk.Services.GetRequiredService<ExpirySweep>().SeedMissingSoasAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_risk_owner_changes_only_their_own_risks_and_a_viewer_only_reads()
    {
        var tenant = await platform.OnboardTenantAsync();
        var ownerEmail = $"owner@{tenant.Slug}.example";
        var owner = await platform.AddMemberAsync(tenant, IsmsRoles.RiskOwner, ownerEmail);
        var viewer = await platform.AddMemberAsync(tenant, IsmsRoles.Viewer);
        using var asOwner = platform.RiskApi(owner.AccessToken);
        using var asViewer = platform.RiskApi(viewer.AccessToken);
        using var asAdmin = platform.RiskApi(tenant.Tokens.AccessToken);

        var mine = await asOwner.PostAsJsonAsync("/api/risk/risks", RiskApiClient.RiskBody("Laptop theft", owner: ownerEmail)).OkJson(HttpStatusCode.Created);
        await asOwner.PostAsJsonAsync("/api/risk/risks", RiskApiClient.RiskBody("Someone else's", owner: "other@example.com")).Problem(HttpStatusCode.Forbidden);
        var theirs = await asAdmin.CreateRiskAsync("Supplier outage", owner: "other@example.com");

        await asOwner.PutAsJsonAsync($"/api/risk/risks/{mine.Id()}", RiskApiClient.UpdateBody("Laptop theft (encrypted)", 2, 2, 0, owner: ownerEmail)).OkJson();
        await asOwner.PutAsJsonAsync($"/api/risk/risks/{theirs.Id()}", RiskApiClient.UpdateBody("Mine now", 1, 1, 0, owner: ownerEmail)).Problem(HttpStatusCode.Forbidden);
        await asOwner.PutAsJsonAsync($"/api/risk/risks/{mine.Id()}/decision", new { decision = "Treat", version = 1 }).OkJson();
        await asOwner.DeleteAsync($"/api/risk/risks/{mine.Id()}").Problem(HttpStatusCode.Forbidden);

        Assert.Equal(2, (await asViewer.GetFromJsonAsync<JsonElement>("/api/risk/risks")).GetProperty("totalCount").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await asViewer.PostAsJsonAsync("/api/risk/risks", RiskApiClient.RiskBody("Viewer's"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asViewer.PostAsJsonAsync($"/api/risk/risks/{mine.Id()}/actions",
            new { title = "Patch", owner = ownerEmail, dueOn = Today.AddDays(5) })).StatusCode);
    }

    [Fact]
    public async Task A_score_change_needs_a_rationale_and_is_kept_in_the_history_with_before_and_after()
    {
        var tenant = await platform.OnboardTenantAsync();
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        var created = await risk.CreateRiskAsync("Ransomware", likelihood: 4, impact: 5);

        var noReason = await risk.PutAsJsonAsync($"/api/risk/risks/{created.Id()}", RiskApiClient.UpdateBody("Ransomware", 2, 5, 0, rationale: null)).Problem(HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("rationale", out _));

        await risk.PutAsJsonAsync($"/api/risk/risks/{created.Id()}", new
        {
            title = "Ransomware", owner = RiskApiClient.Owner, inherentLikelihood = 4, inherentImpact = 5, residualLikelihood = 2, residualImpact = 4,
            version = 0, rationale = "Immutable backups in place",
        }).OkJson();

        var history = await risk.GetFromJsonAsync<JsonElement>($"/api/risk/risks/{created.Id()}/assessments");
        Assert.Equal(2, history.GetArrayLength());
        var latest = history[0];
        Assert.Equal(20, latest.GetProperty("residualBefore").GetInt32());
        Assert.Equal(8, latest.GetProperty("residualAfter").GetInt32());
        Assert.Equal("Immutable backups in place", latest.GetProperty("rationale").GetString());
        Assert.Equal(tenant.AdminEmail, latest.GetProperty("assessedBy").GetString());
        Assert.Equal(2, await platform.OutboxCountAsync("RiskAssessed", created.Id()));

        // The record's history is its entries of the audit trail: the risk's two saves and its two assessments.
        var changes = await risk.GetFromJsonAsync<JsonElement>($"/api/risk/history/{created.Id()}");
        Assert.Equal(4, changes.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Acceptance_needs_an_approver_who_is_not_the_owner_and_lasts_at_most_twelve_months()
    {
        var tenant = await platform.OnboardTenantAsync();
        var approverEmail = $"approver@{tenant.Slug}.example";
        var approver = await platform.AddMemberAsync(tenant, IsmsRoles.Approver, approverEmail);
        var ownerApprover = await platform.AddMemberAsync(tenant, IsmsRoles.Approver, $"owner@{tenant.Slug}.example");
        using var asAdmin = platform.RiskApi(tenant.Tokens.AccessToken);
        using var asApprover = platform.RiskApi(approver.AccessToken);
        using var asOwner = platform.RiskApi(ownerApprover.AccessToken);
        var risk = await asAdmin.CreateRiskAsync("Legacy VPN without MFA", likelihood: 3, impact: 4, owner: $"owner@{tenant.Slug}.example");
        var decided = await asAdmin.PutAsJsonAsync($"/api/risk/risks/{risk.Id()}/decision", new { decision = "Accept", version = 0 }).OkJson();
        Assert.Equal("AcceptancePending", decided.GetProperty("status").GetString());

        var acceptance = new { rationale = "Replacement is funded for Q2; exposure is limited.", expiresOn = Today.AddDays(30) };
        await asOwner.PostAsJsonAsync($"/api/risk/risks/{risk.Id()}/acceptances", acceptance).Problem(HttpStatusCode.Forbidden);
        var tooLong = await asApprover.PostAsJsonAsync($"/api/risk/risks/{risk.Id()}/acceptances", new { acceptance.rationale, expiresOn = Today.AddMonths(13) }).Problem(HttpStatusCode.BadRequest);
        Assert.True(tooLong.GetProperty("errors").TryGetProperty("expiresOn", out _));

        var granted = await asApprover.PostAsJsonAsync($"/api/risk/risks/{risk.Id()}/acceptances", acceptance).OkJson(HttpStatusCode.Created);
        Assert.Equal(approverEmail, granted.GetProperty("approvedBy").GetString());
        Assert.Equal(12, granted.GetProperty("acceptedResidualScore").GetInt32());
        Assert.Equal("Accepted", (await asAdmin.GetFromJsonAsync<JsonElement>($"/api/risk/risks/{risk.Id()}")).GetProperty("risk").GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_expired_acceptance_reopens_the_risk_once_and_opens_a_review()
    {
        var tenant = await platform.OnboardTenantAsync();
        var approver = await platform.AddMemberAsync(tenant, IsmsRoles.Approver);
        using var asAdmin = platform.RiskApi(tenant.Tokens.AccessToken);
        using var asApprover = platform.RiskApi(approver.AccessToken);
        var risk = await asAdmin.CreateRiskAsync("Shared admin account on the firewall", likelihood: 4, impact: 4);
        await asAdmin.PutAsJsonAsync($"/api/risk/risks/{risk.Id()}/decision", new { decision = "Accept", version = 0 }).OkJson();
        await asApprover.PostAsJsonAsync($"/api/risk/risks/{risk.Id()}/acceptances",
            new { rationale = "Vendor fix due next month; monitored daily.", expiresOn = Today.AddDays(10) }).OkJson(HttpStatusCode.Created);
        Assert.Equal("Accepted", (await asAdmin.GetFromJsonAsync<JsonElement>($"/api/risk/risks/{risk.Id()}")).GetProperty("risk").GetProperty("status").GetString());

        try
        {
            platform.RiskClock.Offset = TimeSpan.FromDays(10);
            Assert.Equal(0, (await platform.SweepAsync(tenant.TenantId)).AcceptancesExpired); // valid through its last day
            platform.RiskClock.Offset = TimeSpan.FromDays(11);
            Assert.Equal(1, (await platform.SweepAsync(tenant.TenantId)).AcceptancesExpired);
            Assert.Equal(0, (await platform.SweepAsync(tenant.TenantId)).AcceptancesExpired);
        }
        finally
        {
            platform.RiskClock.Offset = TimeSpan.Zero;
        }

        var detail = await asAdmin.GetFromJsonAsync<JsonElement>($"/api/risk/risks/{risk.Id()}");
        Assert.Equal("Open", detail.GetProperty("risk").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("risk").GetProperty("decision").ValueKind);
        Assert.Equal("Expired", detail.GetProperty("acceptances")[0].GetProperty("status").GetString());
        Assert.Contains("Acceptance expired", detail.GetProperty("openReviews")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await platform.OutboxCountAsync("RiskAcceptanceExpired", risk.Id()));
    }

    [Fact]
    public async Task Overdue_age_is_the_largest_of_the_open_actions_and_lists_filter_on_it()
    {
        var tenant = await platform.OnboardTenantAsync();
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        var r = await risk.CreateRiskAsync("Unpatched VPN appliance", likelihood: 5, impact: 4);
        await risk.CreateRiskAsync("Not overdue", likelihood: 1, impact: 1);
        var action = await risk.PostAsJsonAsync($"/api/risk/risks/{r.Id()}/actions",
            new { title = "Apply vendor patch", owner = "ops@example.com", dueOn = Today.AddDays(-5), ticketUrl = "https://tickets.example.com/OPS-42" }).OkJson(HttpStatusCode.Created);
        await risk.PostAsJsonAsync($"/api/risk/risks/{r.Id()}/actions",
            new { title = "Train the on-call team", owner = "ops@example.com", dueOn = Today.AddDays(-2) }).OkJson(HttpStatusCode.Created);
        await risk.PostAsJsonAsync($"/api/risk/risks/{r.Id()}/actions",
            new { title = "Long done", owner = "ops@example.com", dueOn = Today.AddDays(-40), status = "Done" }).OkJson(HttpStatusCode.Created);
        Assert.Equal(5, action.GetProperty("overdueDays").GetInt32());
        Assert.Equal(1, await platform.OutboxCountAsync("TreatmentActionChanged", action.Id()));

        // Moving the service's clock would also expire the test's token, so "later" is tested with due dates in the
        // past here; the same computation against a moved clock is covered by the unit tests.
        var overdue = await risk.GetFromJsonAsync<JsonElement>("/api/risk/risks?overdue=true");
        Assert.Equal(1, overdue.GetProperty("totalCount").GetInt32());
        Assert.Equal(5, overdue.GetProperty("items")[0].GetProperty("overdueDays").GetInt32()); // the largest open one, not the done one
        Assert.Equal(1, (await risk.GetFromJsonAsync<JsonElement>("/api/risk/risks?band=Critical")).GetProperty("totalCount").GetInt32());
        Assert.Equal(2, (await risk.GetFromJsonAsync<JsonElement>("/api/risk/actions?overdue=true")).GetProperty("totalCount").GetInt32());

        // Doing the most overdue action leaves the other one (2 days); removing that one clears the risk's overdue age.
        await risk.PutAsJsonAsync($"/api/risk/actions/{action.Id()}", new { title = "Apply vendor patch", owner = "ops@example.com", dueOn = Today.AddDays(-5), status = "Done", version = 0 }).OkJson();
        Assert.Equal(2, (await risk.GetFromJsonAsync<JsonElement>("/api/risk/risks?overdue=true")).GetProperty("items")[0].GetProperty("overdueDays").GetInt32());
        var training = (await risk.GetFromJsonAsync<JsonElement>("/api/risk/actions?overdue=true")).GetProperty("items")[0];
        Assert.Equal(HttpStatusCode.NoContent, (await risk.DeleteAsync($"/api/risk/actions/{training.Id()}")).StatusCode);
        Assert.Equal(0, (await risk.GetFromJsonAsync<JsonElement>("/api/risk/risks?overdue=true")).GetProperty("totalCount").GetInt32());

        var badUrl = await risk.PostAsJsonAsync($"/api/risk/risks/{r.Id()}/actions", new { title = "X action", owner = "ops@example.com", dueOn = Today, ticketUrl = "javascript:alert(1)" })
            .Problem(HttpStatusCode.BadRequest);
        Assert.True(badUrl.GetProperty("errors").TryGetProperty("TicketUrl", out _) || badUrl.GetProperty("errors").TryGetProperty("ticketUrl", out _), badUrl.ToString());
    }

    [Fact]
    public async Task The_heat_map_counts_inherent_and_residual_per_cell()
    {
        var tenant = await platform.OnboardTenantAsync();
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        await risk.PostAsJsonAsync("/api/risk/risks", RiskApiClient.RiskBody("A risk", 5, 5, residualLikelihood: 2, residualImpact: 3)).OkJson(HttpStatusCode.Created);
        await risk.PostAsJsonAsync("/api/risk/risks", RiskApiClient.RiskBody("B risk", 5, 5, residualLikelihood: 2, residualImpact: 3)).OkJson(HttpStatusCode.Created);

        var map = await risk.GetFromJsonAsync<JsonElement>("/api/risk/heatmap");

        Assert.Equal(2, map.GetProperty("total").GetInt32());
        Assert.Equal(2, map.GetProperty("inherent")[4][4].GetInt32());
        Assert.Equal(2, map.GetProperty("residual")[1][2].GetInt32());
        Assert.Equal(0, map.GetProperty("residual")[4][4].GetInt32());
    }
}
