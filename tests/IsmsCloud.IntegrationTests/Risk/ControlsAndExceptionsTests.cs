using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using IsmsCloud.Contracts;

namespace IsmsCloud.IntegrationTests.Risk;

[Collection(PlatformCollection.Name)]
public sealed class ControlsAndExceptionsTests(PlatformFixture platform)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task The_soa_publishes_only_when_every_control_is_decided_and_a_published_version_never_changes()
    {
        var tenant = await platform.OnboardTenantAsync();
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        var controls = await risk.ControlsAsync();

        var refused = await risk.PostAsJsonAsync("/api/risk/soa/publish", new { note = "first" }).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("93 control(s)", refused.GetProperty("errors").GetProperty("controls")[0].GetString(), StringComparison.Ordinal);

        var missingJustification = await risk.PutAsJsonAsync($"/api/risk/controls/{controls[0].Id()}", RiskTestKit.Control(true, "")).Problem(HttpStatusCode.BadRequest);
        Assert.True(missingJustification.GetProperty("errors").TryGetProperty("justification", out _));

        foreach (var control in controls)
        {
            var applicable = control.GetProperty("reference").GetString() != "A.7.5";
            await risk.PutAsJsonAsync($"/api/risk/controls/{control.Id()}",
                RiskTestKit.Control(applicable, applicable ? "Needed for our SaaS" : "No premises of our own", applicable ? "Implemented" : "NotImplemented")).OkJson();
        }

        var v1 = await risk.PostAsJsonAsync("/api/risk/soa/publish", new { note = "First SoA" }).OkJson(HttpStatusCode.Created);
        Assert.Equal(1, v1.GetProperty("number").GetInt32());
        Assert.Equal(92, v1.GetProperty("applicableCount").GetInt32());
        Assert.Equal(1, await platform.OutboxCountAsync("SoaPublished", v1.Id()));

        // Change a control after publishing: version 1 still reads as published; version 2 shows the change.
        var a51 = controls[0];
        await risk.PutAsJsonAsync($"/api/risk/controls/{a51.Id()}", RiskTestKit.Control(true, "Rewritten after the audit", "PartiallyImplemented", version: 1)).OkJson();
        var v2 = await risk.PostAsJsonAsync("/api/risk/soa/publish", new { note = "After audit" }).OkJson(HttpStatusCode.Created);
        Assert.Equal(2, v2.GetProperty("number").GetInt32());

        var first = await risk.GetFromJsonAsync<JsonElement>("/api/risk/soa/versions/1");
        var entry = first.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("reference").GetString() == "A.5.1");
        Assert.Equal("Needed for our SaaS", entry.GetProperty("justification").GetString());
        Assert.Equal("Implemented", entry.GetProperty("implementationStatus").GetString());
        var excluded = first.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("reference").GetString() == "A.7.5");
        Assert.False(excluded.GetProperty("applicable").GetBoolean());
        Assert.Equal(2, (await risk.GetFromJsonAsync<JsonElement>("/api/risk/soa/versions")).GetArrayLength());
    }

    [Fact]
    public async Task Evidence_is_fresh_by_the_period_it_covers_and_its_file_is_hashed_and_type_checked()
    {
        var tenant = await platform.OnboardTenantAsync();
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        var control = (await risk.ControlsAsync()).Single(c => c.GetProperty("reference").GetString() == "A.8.13");
        await risk.PutAsJsonAsync($"/api/risk/controls/{control.Id()}", RiskTestKit.Control(true, "Backups protect customer data", cadence: 30)).OkJson();
        Assert.Equal("Missing", (await risk.GetFromJsonAsync<JsonElement>($"/api/risk/controls/{control.Id()}")).GetProperty("control").GetProperty("evidenceFreshness").GetString());

        // Uploaded today but covering last quarter: stale.
        var old = await risk.PostAsJsonAsync($"/api/risk/controls/{control.Id()}/evidence",
            new { title = "Restore test Q2", coversFrom = Today.AddDays(-120), coversTo = Today.AddDays(-90) }).OkJson(HttpStatusCode.Created);
        Assert.Equal(1, await platform.OutboxCountAsync("EvidenceRecorded", old.Id()));
        Assert.Equal("Stale", (await risk.GetFromJsonAsync<JsonElement>($"/api/risk/controls/{control.Id()}")).GetProperty("control").GetProperty("evidenceFreshness").GetString());
        Assert.Equal(1, (await risk.GetFromJsonAsync<JsonElement>("/api/risk/controls?stale=true&search=A.8.13")).GetProperty("totalCount").GetInt32());

        var recent = await risk.PostAsJsonAsync($"/api/risk/controls/{control.Id()}/evidence",
            new { title = "Restore test November", coversFrom = Today.AddDays(-10), coversTo = Today.AddDays(-1) }).OkJson(HttpStatusCode.Created);
        Assert.Equal("Fresh", (await risk.GetFromJsonAsync<JsonElement>($"/api/risk/controls/{control.Id()}")).GetProperty("control").GetProperty("evidenceFreshness").GetString());
        await risk.PostAsJsonAsync($"/api/risk/controls/{control.Id()}/evidence",
            new { title = "Future", coversFrom = Today, coversTo = Today.AddDays(5) }).Problem(HttpStatusCode.BadRequest);

        byte[] pdf = [.. "%PDF-1.7\nrestore log\n"u8.ToArray()];
        var upload = new ByteArrayContent(pdf);
        upload.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var attached = await risk.PutAsync($"/api/risk/evidence/{recent.Id()}/attachment?fileName=restore.pdf", upload).OkJson();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), attached.GetProperty("sha256").GetString());
        Assert.Equal("application/pdf", attached.GetProperty("contentType").GetString());
        Assert.Equal(pdf, await risk.GetByteArrayAsync($"/api/risk/evidence/{recent.Id()}/attachment"));

        var disguised = await risk.PutAsync($"/api/risk/evidence/{old.Id()}/attachment?fileName=report.pdf", new ByteArrayContent("MZ\u0090 not a pdf"u8.ToArray())).Problem(HttpStatusCode.BadRequest);
        Assert.True(disguised.GetProperty("errors").TryGetProperty("file", out _));
    }

    [Fact]
    public async Task An_exception_is_approved_by_someone_else_renewals_make_it_permanent_and_expiry_flags_the_risk()
    {
        var tenant = await platform.OnboardTenantAsync();
        var approver = await platform.AddMemberAsync(tenant, IsmsRoles.Approver);
        using var asAdmin = platform.RiskApi(tenant.Tokens.AccessToken);
        using var asApprover = platform.RiskApi(approver.AccessToken);
        var control = (await asAdmin.ControlsAsync()).Single(c => c.GetProperty("reference").GetString() == "A.8.5");
        var risk = await asAdmin.CreateRiskAsync("ERP without MFA", 4, 4);

        var requested = await asAdmin.PostAsJsonAsync("/api/risk/exceptions", new
        {
            controlId = control.Id(), riskId = risk.Id(), affectedScope = "Legacy ERP", reason = "The vendor's next release adds SSO",
            compensatingControls = "VPN-only access, IP allow-list", requestedExpiresOn = Today.AddDays(60),
        }).OkJson(HttpStatusCode.Created);
        Assert.Equal("Requested", requested.GetProperty("status").GetString());

        // The tenant admin asked for it, so the tenant admin cannot grant it.
        await asAdmin.PostAsJsonAsync($"/api/risk/exceptions/{requested.Id()}/approve", new { version = 0 }).Problem(HttpStatusCode.Forbidden);
        var tooLong = await asApprover.PostAsJsonAsync($"/api/risk/exceptions/{requested.Id()}/approve", new { expiresOn = Today.AddDays(181), version = 0 }).Problem(HttpStatusCode.BadRequest);
        Assert.True(tooLong.GetProperty("errors").TryGetProperty("expiresOn", out _));

        var granted = await asApprover.PostAsJsonAsync($"/api/risk/exceptions/{requested.Id()}/approve", new { expiresOn = Today.AddDays(30), version = 0 }).OkJson();
        Assert.Equal("Approved", granted.GetProperty("status").GetString());
        Assert.Equal(1, await platform.OutboxCountAsync("ExceptionGranted", requested.Id()));
        var renewed = await asApprover.PostAsJsonAsync($"/api/risk/exceptions/{requested.Id()}/renew", new { expiresOn = Today.AddDays(60), version = granted.GetProperty("version").GetInt64() }).OkJson();
        Assert.False(renewed.GetProperty("isPermanent").GetBoolean());
        renewed = await asApprover.PostAsJsonAsync($"/api/risk/exceptions/{requested.Id()}/renew", new { expiresOn = Today.AddDays(90), version = renewed.GetProperty("version").GetInt64() }).OkJson();
        Assert.Equal(2, renewed.GetProperty("renewalCount").GetInt32());
        Assert.True(renewed.GetProperty("isPermanent").GetBoolean());
        Assert.Equal(1, (await asAdmin.GetFromJsonAsync<JsonElement>("/api/risk/exceptions?permanent=true")).GetProperty("totalCount").GetInt32());
        Assert.Equal(2, await platform.OutboxCountAsync("ExceptionRenewed", requested.Id()));

        try
        {
            platform.RiskClock.Offset = TimeSpan.FromDays(91);
            Assert.Equal(1, (await platform.SweepAsync(tenant.TenantId)).ExceptionsExpired);
        }
        finally
        {
            platform.RiskClock.Offset = TimeSpan.Zero;
        }

        Assert.Equal("Expired", (await asAdmin.GetFromJsonAsync<JsonElement>($"/api/risk/exceptions/{requested.Id()}")).GetProperty("status").GetString());
        var riskDetail = await asAdmin.GetFromJsonAsync<JsonElement>($"/api/risk/risks/{risk.Id()}");
        Assert.Contains("Control exception expired", riskDetail.GetProperty("openReviews")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(requested.Id(), riskDetail.GetProperty("exceptions")[0].Id());
        Assert.Equal(1, await platform.OutboxCountAsync("ExceptionExpired", requested.Id()));
    }

    [Fact]
    public async Task An_incident_closes_only_with_a_linked_control_or_a_reason_and_its_lessons_become_treatment_actions()
    {
        var tenant = await platform.OnboardTenantAsync();
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        var control = (await risk.ControlsAsync()).Single(c => c.GetProperty("reference").GetString() == "A.6.3");
        var phishing = await risk.CreateRiskAsync("Phishing of finance staff", 4, 3);
        // Whole seconds: the times survive the database unchanged, so the update below changes only the incident's
        // control links, and that alone must still move its version.
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        var badTimes = await risk.PostAsJsonAsync("/api/risk/incidents", new { title = "Invoice fraud attempt", severity = "High", occurredAt = now.AddHours(-1), detectedAt = now.AddHours(-2) })
            .Problem(HttpStatusCode.BadRequest);
        Assert.True(badTimes.GetProperty("errors").TryGetProperty("detectedAt", out _));

        var incident = await risk.PostAsJsonAsync("/api/risk/incidents", new
        {
            title = "Invoice fraud attempt", severity = "High", occurredAt = now.AddHours(-5), detectedAt = now.AddHours(-4), resolvedAt = now.AddHours(-1),
            riskIds = new[] { phishing.Id() },
        }).OkJson(HttpStatusCode.Created);

        var refused = await risk.PostAsJsonAsync($"/api/risk/incidents/{incident.Id()}/close", new { version = 0 }).Problem(HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("noControlReason", out _));

        var lesson = await risk.PostAsJsonAsync($"/api/risk/incidents/{incident.Id()}/lessons",
            new { lesson = "Call-back check for bank detail changes", riskId = phishing.Id(), owner = "ops@example.com", dueOn = Today.AddDays(14) }).OkJson(HttpStatusCode.Created);
        Assert.Equal(incident.Id(), lesson.GetProperty("sourceIncidentId").GetGuid());

        await risk.PutAsJsonAsync($"/api/risk/incidents/{incident.Id()}", new
        {
            title = "Invoice fraud attempt", severity = "High", occurredAt = now.AddHours(-5), detectedAt = now.AddHours(-4), resolvedAt = now.AddHours(-1),
            controls = new[] { new { controlId = control.Id(), role = "Helped" } }, riskIds = new[] { phishing.Id() }, version = 0,
        }).OkJson();
        var closed = await risk.PostAsJsonAsync($"/api/risk/incidents/{incident.Id()}/close", new { version = 1 }).OkJson();
        Assert.Equal("Closed", closed.GetProperty("status").GetString());
        Assert.Equal(1, await platform.OutboxCountAsync("IncidentClosed", incident.Id()));

        var riskDetail = await risk.GetFromJsonAsync<JsonElement>($"/api/risk/risks/{phishing.Id()}");
        Assert.Equal(incident.Id(), riskDetail.GetProperty("incidents")[0].Id());
        Assert.Equal("Call-back check for bank detail changes", riskDetail.GetProperty("actions")[0].GetProperty("title").GetString());
        var controlDetail = await risk.GetFromJsonAsync<JsonElement>($"/api/risk/controls/{control.Id()}");
        Assert.Equal("Helped", controlDetail.GetProperty("incidents")[0].GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Linking_an_ai_system_to_a_risk_opens_reviews_of_the_risk_and_its_controls()
    {
        var tenant = await platform.OnboardTenantAsync();
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        var control = (await risk.ControlsAsync()).Single(c => c.GetProperty("reference").GetString() == "A.5.12");
        var r = await risk.CreateRiskAsync("Customer data leaks through support tooling", 3, 4);
        await risk.PutAsJsonAsync($"/api/risk/controls/{control.Id()}", RiskTestKit.Control(true, "Classification applies", riskIds: [r.Id()])).OkJson();
        var asset = await risk.PostAsJsonAsync("/api/risk/assets", new
        {
            name = "Support chatbot", type = "Service", classification = "Confidential", owner = "ops@example.com",
        }).OkJson(HttpStatusCode.Created);
        await risk.PutAsJsonAsync($"/api/risk/risks/{r.Id()}", new
        {
            title = "Customer data leaks through support tooling", owner = RiskApiClient.Owner, inherentLikelihood = 3, inherentImpact = 4,
            residualLikelihood = 3, residualImpact = 4, version = 0, assetIds = new[] { asset.Id() },
        }).OkJson();
        Assert.Equal(0, (await risk.GetFromJsonAsync<JsonElement>($"/api/risk/risks/{r.Id()}")).GetProperty("openReviews").GetArrayLength());

        // The support service starts using an LLM: it becomes an AI system.
        await risk.PutAsJsonAsync($"/api/risk/assets/{asset.Id()}", new
        {
            name = "Support chatbot", type = "AiSystem", classification = "Confidential", owner = "ops@example.com",
            aiModelProvider = "Hosted LLM vendor", aiDataUsed = "Ticket text, customer names", aiAutomatedDecisions = false, version = 0,
        }).OkJson();

        var riskReviews = (await risk.GetFromJsonAsync<JsonElement>($"/api/risk/risks/{r.Id()}")).GetProperty("openReviews");
        Assert.Contains("AI system: Support chatbot", riskReviews[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        var controlReviews = (await risk.GetFromJsonAsync<JsonElement>($"/api/risk/controls/{control.Id()}")).GetProperty("openReviews");
        Assert.Single(controlReviews.EnumerateArray());
        Assert.Equal(1, (await risk.GetFromJsonAsync<JsonElement>("/api/risk/assets?ai=true")).GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task One_ai_system_opens_one_review_on_a_risk_whether_it_became_ai_or_was_linked_again()
    {
        var tenant = await platform.OnboardTenantAsync();
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        var control = (await risk.ControlsAsync()).Single(c => c.GetProperty("reference").GetString() == "A.5.12");
        var r = await risk.CreateRiskAsync("Customer data leaks through support tooling", 3, 4);
        await risk.PutAsJsonAsync($"/api/risk/controls/{control.Id()}", RiskTestKit.Control(true, "Classification applies", riskIds: [r.Id()])).OkJson();
        var asset = await risk.PostAsJsonAsync("/api/risk/assets", new
        {
            name = "Support chatbot", type = "Service", classification = "Confidential", owner = "ops@example.com",
        }).OkJson(HttpStatusCode.Created);

        var version = r.GetProperty("version").GetInt64();
        async Task LinkAsync(params Guid[] assetIds) =>
            version = (await risk.PutAsJsonAsync($"/api/risk/risks/{r.Id()}", new
            {
                title = "Customer data leaks through support tooling", owner = RiskApiClient.Owner, inherentLikelihood = 3, inherentImpact = 4,
                residualLikelihood = 3, residualImpact = 4, version, assetIds,
            }).OkJson()).GetProperty("version").GetInt64();

        await LinkAsync(asset.Id());
        await risk.PutAsJsonAsync($"/api/risk/assets/{asset.Id()}", new
        {
            name = "Support chatbot", type = "AiSystem", classification = "Confidential", owner = "ops@example.com",
            aiModelProvider = "Hosted LLM vendor", version = 0,
        }).OkJson();
        // Unlinked and linked again while the first review is still open: the same review, not a second one.
        await LinkAsync();
        await LinkAsync(asset.Id());
        // Renamed while its review is open, then linked again: still the same asset, so still the same review.
        await risk.PutAsJsonAsync($"/api/risk/assets/{asset.Id()}", new
        {
            name = "Support assistant", type = "AiSystem", classification = "Confidential", owner = "ops@example.com",
            aiModelProvider = "Hosted LLM vendor", version = 1,
        }).OkJson();
        await LinkAsync();
        await LinkAsync(asset.Id());

        var riskReviews = (await risk.GetFromJsonAsync<JsonElement>($"/api/risk/risks/{r.Id()}")).GetProperty("openReviews");
        Assert.Equal("AI system: Support chatbot", Assert.Single(riskReviews.EnumerateArray()).GetProperty("reason").GetString());
        var controlReviews = (await risk.GetFromJsonAsync<JsonElement>($"/api/risk/controls/{control.Id()}")).GetProperty("openReviews");
        Assert.Single(controlReviews.EnumerateArray());
    }
}
