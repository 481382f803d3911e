using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IsmsCloud.Audits.Infrastructure;
using IsmsCloud.Contracts;
using IsmsCloud.IntegrationTests.Risk;
using IsmsCloud.IntegrationTests.Trust;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IsmsCloud.IntegrationTests.AuditProgramme.AuditProgrammeApiClient;

namespace IsmsCloud.IntegrationTests.AuditProgramme;

/// <summary>audit-api on PostgreSQL and RabbitMQ with trust-api and risk-api listening: audits, findings, corrective actions.</summary>
[Collection(PlatformCollection.Name)]
public sealed class AuditProgrammeTests(PlatformFixture platform)
{
    private const string Body = "Example Certification B.V.";

    [Fact]
    public async Task A_surveillance_audit_completed_over_12_months_ago_makes_trusts_warning_fire_and_a_recent_one_clears_it()
    {
        var tenant = await platform.OnboardTenantAsync("surv");
        using var audit = platform.AuditApi(tenant.Tokens.AccessToken);
        using var trust = platform.TrustApi(tenant.Tokens.AccessToken);
        await trust.WaitForProfileAsync();
        await trust.CreateCertificateAsync(null, Today.AddDays(-700), Today.AddDays(300));

        var old = await audit.RunAuditAsync("Surveillance audit 1", Today.AddDays(-430), Today.AddDays(-428), kind: "Surveillance", body: Body);
        Assert.Equal("Completed", old.GetProperty("status").GetString());
        var fired = await Eventually.ReturnsAsync(() => trust.GetFromJsonAsync<JsonElement>("/api/trust/warnings"),
            w => Kinds(w).Contains("NoRecentSurveillanceAudit"), because: "AuditCompleted of 428 days ago reaches trust-api");
        Assert.Equal(Today.AddDays(-428).ToString("yyyy-MM-dd"), fired.GetProperty("lastExternalAuditOn").GetString());

        // An internal audit is no surveillance audit: the warning stays.
        await audit.RunAuditAsync("Internal audit", Today.AddDays(-10), Today.AddDays(-9), auditor: tenant.AdminEmail);
        await audit.RunAuditAsync("Surveillance audit 2", Today.AddDays(-5), Today.AddDays(-3), kind: "Surveillance", body: Body);
        var cleared = await Eventually.ReturnsAsync(() => trust.GetFromJsonAsync<JsonElement>("/api/trust/warnings"),
            w => !Kinds(w).Contains("NoRecentSurveillanceAudit"), because: "the recent surveillance audit clears the warning");
        Assert.Equal(Today.AddDays(-3).ToString("yyyy-MM-dd"), cleared.GetProperty("lastExternalAuditOn").GetString());
    }

    [Fact]
    public async Task The_audit_completed_event_carries_the_start_date_and_the_version_after_the_change()
    {
        var tenant = await platform.OnboardTenantAsync("evt");
        using var audit = platform.AuditApi(tenant.Tokens.AccessToken);
        var done = await audit.RunAuditAsync("Certification stage 2", Today.AddDays(-20), Today.AddDays(-18), kind: "Certification", body: Body);

        await using var scope = platform.Audit.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
        var payloads = await db.OutboxMessages.Where(m => m.TenantId == tenant.TenantId && (m.Type.Contains("AuditCompleted") || m.Type.Contains("AuditStarted")))
            .OrderBy(m => m.OccurredAtUtc).Select(m => m.Payload).ToListAsync();
        Assert.Equal(2, payloads.Count);
        var started = JsonDocument.Parse(payloads[0]).RootElement;
        var completed = JsonDocument.Parse(payloads[1]).RootElement;
        Assert.Equal(Today.AddDays(-20).ToString("yyyy-MM-dd"), started.GetProperty("startedOn").GetString());
        Assert.Equal(1u, started.GetProperty("version").GetUInt32());
        Assert.Equal(Today.AddDays(-20).ToString("yyyy-MM-dd"), completed.GetProperty("startedOn").GetString());
        Assert.Equal(Today.AddDays(-18).ToString("yyyy-MM-dd"), completed.GetProperty("completedOn").GetString());
        Assert.Equal(done.Version(), completed.GetProperty("version").GetUInt32());
        Assert.Equal(2u, done.Version());
    }

    [Fact]
    public async Task A_minor_nc_on_the_same_control_as_last_years_audit_is_recurring_escalated_and_links_the_earlier_finding()
    {
        var tenant = await platform.OnboardTenantAsync("recur");
        using var audit = platform.AuditApi(tenant.Tokens.AccessToken);
        var lastYear = await audit.RunAuditAsync("Internal audit last year", Today.AddDays(-370), Today.AddDays(-368), auditor: tenant.AdminEmail);
        var earlier = await audit.RaiseAsync(lastYear.Id(), "A.8.8", raisedOn: Today.AddDays(-369));
        Assert.False(earlier.GetProperty("finding").GetProperty("recurring").GetBoolean());

        var thisYear = await audit.RunAuditAsync("Internal audit this year", Today.AddDays(-1), auditor: tenant.AdminEmail);
        var again = await audit.RaiseAsync(thisYear.Id(), " a.8. 8 ");
        var finding = again.GetProperty("finding");
        Assert.Equal("A.8.8", finding.GetProperty("reference").GetString());
        Assert.True(finding.GetProperty("recurring").GetBoolean());
        Assert.True(finding.GetProperty("escalate").GetBoolean());
        var links = again.GetProperty("earlierFindings").EnumerateArray().ToList();
        Assert.Equal(earlier.GetProperty("finding").Id(), Assert.Single(links).Id());
        Assert.Equal("Internal audit last year", links[0].GetProperty("auditTitle").GetString());

        // The same audit twice does not recur; the list computes the column on the server and filters by it.
        await audit.RaiseAsync(thisYear.Id(), "9.2.2", kind: "Observation");
        await audit.RaiseAsync(thisYear.Id(), "9.2.2", kind: "Observation");
        var recurring = await audit.GetFromJsonAsync<JsonElement>("/api/audit/findings?recurring=true");
        Assert.Equal(finding.Id(), Assert.Single(recurring.GetProperty("items").EnumerateArray()).Id());
        var all = await audit.GetFromJsonAsync<JsonElement>("/api/audit/findings?sort=Oldest");
        Assert.Equal(4, all.GetProperty("totalCount").GetInt32());
        Assert.Equal(1, all.GetProperty("items").EnumerateArray().Count(f => f.GetProperty("recurring").GetBoolean()));
        var csv = await audit.GetStringAsync("/api/audit/export/findings");
        Assert.Contains("A.8.8,Open", csv, StringComparison.Ordinal);
        Assert.Equal(1, csv.Split('\n').Count(l => l.Contains(",yes,yes,", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task References_must_be_a_clause_or_a_control_of_the_soa_and_bad_input_answers_400_by_field()
    {
        var tenant = await platform.OnboardTenantAsync("ref");
        using var audit = platform.AuditApi(tenant.Tokens.AccessToken);
        var running = await audit.RunAuditAsync("Internal audit", Today, auditor: tenant.AdminEmail);
        foreach (var bad in new[] { "A.8.35", "11.1", "9.2", "nonsense" })
        {
            var response = await audit.PostAsJsonAsync($"/api/audit/audits/{running.Id()}/findings", new { kind = "MinorNonconformity", reference = bad, description = "Something" });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("reference", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var planned = await audit.PostAsJsonAsync("/api/audit/audits", AuditBody("Planned only", auditor: tenant.AdminEmail)).OkJson(HttpStatusCode.Created);
        var early = await audit.PostAsJsonAsync($"/api/audit/audits/{planned.Id()}/findings", new { kind = "MinorNonconformity", reference = "A.8.8", description = "Too early" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        var noAuditor = await audit.PostAsJsonAsync("/api/audit/audits", AuditBody("No auditor"));
        Assert.Equal(HttpStatusCode.BadRequest, noAuditor.StatusCode);
        Assert.Contains("auditor", await noAuditor.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stranger = await audit.PostAsJsonAsync("/api/audit/audits", AuditBody("Stranger", auditor: "nobody@elsewhere.example"));
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        var external = await audit.PostAsJsonAsync("/api/audit/audits", AuditBody("Surveillance", kind: "Surveillance"));
        Assert.Contains("externalBody", await external.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_finding_raised_reaches_risk_api_once_and_marks_its_control_even_when_the_event_is_sent_twice()
    {
        var tenant = await platform.OnboardTenantAsync("mark");
        using var audit = platform.AuditApi(tenant.Tokens.AccessToken);
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        var controls = await risk.ControlsAsync();
        var a88 = controls.Single(c => c.GetProperty("reference").GetString() == "A.8.8").Id();
        var a51 = controls.Single(c => c.GetProperty("reference").GetString() == "A.5.1").Id();
        var running = await audit.RunAuditAsync("Internal audit", Today, auditor: tenant.AdminEmail);
        var finding = (await audit.RaiseAsync(running.Id(), "A.8.8")).GetProperty("finding").Id();

        var marks = await Eventually.ReturnsAsync(() => risk.GetFromJsonAsync<JsonElement>($"/api/risk/controls/{a88}/findings"),
            m => m.GetArrayLength() == 1, because: "FindingRaised reaches risk-api");
        Assert.Equal(finding, marks[0].GetProperty("findingId").GetGuid());
        Assert.Equal("MinorNonconformity", marks[0].GetProperty("kind").GetString());

        // The relay sends the same outbox row again (as after a crash between publishing and marking it sent).
        Guid messageId;
        await using (var scope = platform.Audit.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
            var row = await db.OutboxMessages.SingleAsync(m => m.TenantId == tenant.TenantId && m.Type.Contains("FindingRaised"));
            messageId = row.Id;
            row.SentAtUtc = null;
            await db.SaveChangesAsync();
        }

        await Eventually.ReturnsAsync(async () =>
        {
            await using var scope = platform.Audit.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<AuditDbContext>().OutboxMessages.Where(m => m.Id == messageId).Select(m => m.SentAtUtc).SingleAsync();
        }, sent => sent is not null, because: "the relay sends the row again");
        await audit.RaiseAsync(running.Id(), "A.5.1");
        await Eventually.ReturnsAsync(() => risk.GetFromJsonAsync<JsonElement>($"/api/risk/controls/{a51}/findings"),
            m => m.GetArrayLength() == 1, because: "the later finding reaches risk-api");

        Assert.Equal(1, (await risk.GetFromJsonAsync<JsonElement>($"/api/risk/controls/{a88}/findings")).GetArrayLength());
        await using (var scope = platform.Risk.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RiskDbContext>();
            Assert.Equal(1, await db.InboxMessages.CountAsync(m => m.MessageId == messageId));
            Assert.Equal(1, await db.ControlFindings.IgnoreQueryFilters().CountAsync(f => f.FindingId == finding));
        }
    }

    [Fact]
    public async Task Corrective_actions_close_with_evidence_their_check_is_not_the_auditors_and_not_effective_reopens_the_finding()
    {
        var tenant = await platform.OnboardTenantAsync("capa");
        var (auditorToken, auditorEmail) = await platform.MemberAsync(tenant, IsmsRoles.Auditor);
        var (otherAuditorToken, otherAuditorEmail) = await platform.MemberAsync(tenant, IsmsRoles.Auditor);
        using var manager = platform.AuditApi(tenant.Tokens.AccessToken);
        using var auditor = platform.AuditApi(auditorToken);
        using var otherAuditor = platform.AuditApi(otherAuditorToken);
        using var owner = platform.AuditApi(await platform.SignInToAsync(tenant, RiskApiClient.Owner));
        using var stranger = platform.AuditApi(await platform.SignInToAsync(tenant, RiskApiClient.OtherOwner));

        var running = await manager.RunAuditAsync("Internal audit", Today, auditor: auditorEmail);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.PostAsJsonAsync($"/api/audit/audits/{running.Id()}/findings",
            new { kind = "MinorNonconformity", reference = "A.8.8", description = "Owners do not raise findings" })).StatusCode);
        var finding = (await auditor.RaiseAsync(running.Id(), "A.8.13", kind: "MajorNonconformity")).GetProperty("finding");
        var action = await manager.PostAsJsonAsync($"/api/audit/findings/{finding.Id()}/actions",
            new { title = "Test restores monthly", owner = RiskApiClient.Owner, dueOn = Today.AddDays(-3), effectivenessCheckDays = 30 }).OkJson(HttpStatusCode.Created);
        Assert.Equal(3, action.GetProperty("overdueDays").GetInt32());
        var id = action.Id();

        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsJsonAsync($"/api/audit/corrective-actions/{id}/close", new { version = action.Version() })).StatusCode);
        var noEvidence = await owner.PostAsJsonAsync($"/api/audit/corrective-actions/{id}/close", new { version = action.Version() });
        Assert.Equal(HttpStatusCode.BadRequest, noEvidence.StatusCode);
        Assert.Contains("evidence", await noEvidence.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var notPdf = await owner.PutAsync($"/api/audit/corrective-actions/{id}/evidence-file?fileName=restore.pdf", new ByteArrayContent("not a pdf"u8.ToArray()));
        Assert.Equal(HttpStatusCode.BadRequest, notPdf.StatusCode);
        var uploaded = await owner.PutAsync($"/api/audit/corrective-actions/{id}/evidence-file?fileName=restore.pdf", new ByteArrayContent(TrustApiClient.Pdf)).OkJson();
        Assert.Equal("restore.pdf", uploaded.GetProperty("evidenceFile").GetProperty("fileName").GetString());
        var closed = await owner.PostAsJsonAsync($"/api/audit/corrective-actions/{id}/close", new { version = uploaded.Version(), note = "Restores tested" }).OkJson();
        Assert.Equal(Today.AddDays(30).ToString("yyyy-MM-dd"), closed.GetProperty("effectivenessCheckDueOn").GetString());
        Assert.Equal(0, closed.GetProperty("overdueDays").GetInt32());
        Assert.Equal("ActionsCompleted", (await manager.GetFromJsonAsync<JsonElement>($"/api/audit/findings/{finding.Id()}")).GetProperty("finding").GetProperty("status").GetString());
        var closeFinding = await manager.PostAsJsonAsync($"/api/audit/findings/{finding.Id()}/close", new { version = 0 });
        Assert.Equal(HttpStatusCode.Conflict, closeFinding.StatusCode);

        var tooEarly = await otherAuditor.PostAsJsonAsync($"/api/audit/corrective-actions/{id}/effectiveness", new { result = "NotEffective", version = closed.Version() });
        Assert.Equal(HttpStatusCode.BadRequest, tooEarly.StatusCode);
        // 30 days on, for identity too: tokens issued then are valid then.
        platform.AuditClock.Offset = platform.IdentityClock.Offset = TimeSpan.FromDays(30);
        try
        {
            using var laterManager = platform.AuditApi(await platform.SignInToAsync(tenant, tenant.AdminEmail));
            using var laterAuditor = platform.AuditApi(await platform.SignInToAsync(tenant, auditorEmail));
            using var laterOtherAuditor = platform.AuditApi(await platform.SignInToAsync(tenant, otherAuditorEmail));
            using var laterOwner = platform.AuditApi(await platform.SignInToAsync(tenant, RiskApiClient.Owner));
            var own = await laterAuditor.PostAsJsonAsync($"/api/audit/corrective-actions/{id}/effectiveness", new { result = "Effective", version = closed.Version() });
            Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
            var byOwner = await laterOwner.PostAsJsonAsync($"/api/audit/corrective-actions/{id}/effectiveness", new { result = "Effective", version = closed.Version() });
            Assert.Equal(HttpStatusCode.Forbidden, byOwner.StatusCode);
            var failed = await laterOtherAuditor.PostAsJsonAsync($"/api/audit/corrective-actions/{id}/effectiveness",
                new { result = "NotEffective", note = "Two restores failed", version = closed.Version() }).OkJson();
            Assert.Equal("Open", failed.GetProperty("status").GetString());
            Assert.Equal(1, failed.GetProperty("reopenCount").GetInt32());
            var reopened = await laterManager.GetFromJsonAsync<JsonElement>($"/api/audit/findings/{finding.Id()}");
            Assert.Equal("Open", reopened.GetProperty("finding").GetProperty("status").GetString());
            var overdue = await laterManager.GetFromJsonAsync<JsonElement>("/api/audit/corrective-actions?overdue=true");
            Assert.Equal(33, Assert.Single(overdue.GetProperty("items").EnumerateArray()).GetProperty("overdueDays").GetInt32());
        }
        finally
        {
            platform.AuditClock.Offset = platform.IdentityClock.Offset = TimeSpan.Zero;
        }
    }

    private static string[] Kinds(JsonElement warnings) =>
        warnings.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("kind").GetString()!).ToArray();
}
