using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IsmsCloud.Contracts.Events;
using IsmsCloud.IntegrationTests.Risk;
using IsmsCloud.Reporting.Infrastructure;
using IsmsCloud.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace IsmsCloud.IntegrationTests.Reporting;

/// <summary>
/// The management review end to end (issue 13): inputs from the tenant's real signals, decisions, sign-off by the chair
/// that locks and hashes the record, the requested action created once in risk-api, signal 8, the PDF pack and the CSV.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ManagementReviewTests(PlatformFixture platform)
{
    public const string Reviews = "/api/reporting/management-reviews";

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static JsonElement Signal(JsonElement review, string signal, string figure) =>
        review.GetProperty("inputs").GetProperty("signals").EnumerateArray().Single(s => s.GetProperty("signal").GetString() == signal)
            .GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("name").GetString() == figure);

    [Fact]
    public async Task A_review_is_assembled_from_real_signals_decided_signed_by_its_chair_locked_and_its_action_created_once()
    {
        var tenant = await platform.OnboardTenantAsync("mr");
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        using var reporting = platform.ReportingApi(tenant.Tokens.AccessToken);
        var vpn = await risk.CreateRiskAsync("Unpatched VPN appliance", likelihood: 5, impact: 4);
        await risk.PostAsJsonAsync($"/api/risk/risks/{vpn.Id()}/actions",
            new { title = "Apply vendor patch", owner = RiskApiClient.OpsOwner, dueOn = Today.AddDays(-5) }).OkJson(HttpStatusCode.Created);
        await Eventually.ReturnsAsync(() => reporting.GetAsync("/api/reporting/signals").OkJson(),
            s => s.GetProperty("treatmentOverdue").GetProperty("overdueActions").GetInt32() == 1, because: "the overdue action reaches reporting");
        await platform.KnownToReportingAsync(tenant.TenantId);

        var planned = await reporting.PostAsJsonAsync(Reviews, new
        {
            title = "Q4 management review", reviewDate = Today, chair = tenant.AdminEmail, attendees = new[] { RiskApiClient.Owner, RiskApiClient.OpsOwner },
        }).OkJson(HttpStatusCode.Created);
        var id = planned.Id();
        Assert.Equal("Planned", planned.GetProperty("status").GetString());
        Assert.Equal(2, planned.GetProperty("attendees").GetArrayLength());
        Assert.Equal(1, Signal(planned, "treatmentOverdue", "overdueActions").GetProperty("value").GetDouble());
        Assert.Equal(1, planned.GetProperty("inputs").GetProperty("riskTreatment").GetProperty("risks").GetInt32());
        Assert.Equal(1, planned.GetProperty("inputs").GetProperty("riskTreatment").GetProperty("byBand").GetProperty("Critical").GetInt32());
        Assert.True(planned.GetProperty("canSign").GetBoolean());

        var filled = await reporting.PutAsJsonAsync($"{Reviews}/{id}", new
        {
            title = "Q4 management review", reviewDate = Today, chair = tenant.AdminEmail, attendees = new[] { RiskApiClient.Owner, RiskApiClient.OpsOwner },
            issueChanges = "New data-protection law in force", interestedPartiesFeedback = "A customer asked for SOC 2", improvementOpportunities = "Automate patching",
            version = planned.GetProperty("version").GetInt64(),
        }).OkJson();
        Assert.Equal("InProgress", filled.GetProperty("status").GetString());
        var decision = await reporting.PostAsJsonAsync($"{Reviews}/{id}/decisions", new
        {
            kind = "Improvement", summary = "Patch internet-facing appliances within 14 days",
            links = new[] { new { type = "Risk", id = vpn.Id() } },
            actions = new[] { new { riskId = vpn.Id(), title = "Automate VPN patching", owner = RiskApiClient.Owner, dueOn = Today.AddDays(30) } },
            version = filled.GetProperty("version").GetInt64(),
        }).OkJson(HttpStatusCode.Created);
        var requestId = decision.GetProperty("actions")[0].GetProperty("requestId").GetGuid();
        Assert.Equal("Unpatched VPN appliance", decision.GetProperty("links")[0].GetProperty("label").GetString());
        var beforeSign = await reporting.GetAsync($"{Reviews}/{id}").OkJson();
        var version = beforeSign.GetProperty("version").GetInt64();

        // A stale version and another member are refused; nothing was requested from risk-api yet.
        await reporting.PostAsJsonAsync($"{Reviews}/{id}/sign", new { version = version - 1 }).Problem(HttpStatusCode.Conflict);
        var owner = await platform.Oidc().SignInAsync(RiskApiClient.Owner, PlatformFixture.Password, tenant: tenant.TenantId.ToString());
        using (var asOwner = platform.ReportingApi(owner.AccessToken))
        {
            await asOwner.PostAsJsonAsync($"{Reviews}/{id}/sign", new { version }).Problem(HttpStatusCode.Forbidden);
            await asOwner.PostAsJsonAsync($"{Reviews}/{id}/decisions", new { kind = "Resources", summary = "Hire", version }).Problem(HttpStatusCode.Forbidden);
        }

        var signed = await reporting.PostAsJsonAsync($"{Reviews}/{id}/sign", new { version }).OkJson();
        var sha = signed.GetProperty("snapshotSha256").GetString()!;
        Assert.Equal("Signed", signed.GetProperty("status").GetString());
        Assert.Matches("^[0-9a-f]{64}$", sha);
        Assert.Equal(tenant.AdminEmail, signed.GetProperty("signedBy").GetString());

        // The stored snapshot hashes to what the record shows.
        await using (var scope = platform.Reporting.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
            var snapshot = await db.ManagementReviewSnapshots.IgnoreQueryFilters().AsNoTracking().SingleAsync(s => s.ReviewId == id);
            Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(snapshot.Content))));
            Assert.Contains("\"issueChanges\":\"New data-protection law in force\"", snapshot.Content, StringComparison.Ordinal);
        }

        // Locked: every change is refused with 409.
        var signedVersion = signed.GetProperty("version").GetInt64();
        await reporting.PutAsJsonAsync($"{Reviews}/{id}", new
        {
            title = "Rewritten", reviewDate = Today, chair = tenant.AdminEmail, attendees = Array.Empty<string>(), version = signedVersion,
        }).Problem(HttpStatusCode.Conflict);
        await reporting.PostAsJsonAsync($"{Reviews}/{id}/decisions", new { kind = "Resources", summary = "Added later", version = signedVersion }).Problem(HttpStatusCode.Conflict);
        await reporting.PutAsJsonAsync($"{Reviews}/{id}/decisions/{decision.Id()}", new { kind = "Resources", summary = "Changed", version = signedVersion })
            .Problem(HttpStatusCode.Conflict);
        await reporting.DeleteAsync($"{Reviews}/{id}/decisions/{decision.Id()}?version={signedVersion}").Problem(HttpStatusCode.Conflict);
        await reporting.PostAsJsonAsync($"{Reviews}/{id}/sign", new { version = signedVersion }).Problem(HttpStatusCode.Conflict);

        // risk-api creates the requested action, once, with the request's id.
        var actions = await Eventually.ReturnsAsync(() => risk.GetAsync($"/api/risk/actions?riskId={vpn.Id()}").OkJson(),
            a => a.GetProperty("items").EnumerateArray().Any(i => i.Id() == requestId), because: "risk-api consumes ManagementReviewActionRequested");
        var created = Assert.Single(actions.GetProperty("items").EnumerateArray(), i => i.GetProperty("title").GetString() == "Automate VPN patching");
        Assert.Equal(RiskApiClient.Owner, created.GetProperty("owner").GetString());
        Assert.Equal(Today.AddDays(30).ToString("yyyy-MM-dd"), created.GetProperty("dueOn").GetString());
        // The same request again (republished under a new message id) and the same message twice change nothing.
        var request = new ManagementReviewActionRequested(tenant.TenantId, id, decision.Id(), requestId, vpn.Id(), "Automate VPN patching", RiskApiClient.Owner,
            Today.AddDays(30), DateTimeOffset.UtcNow, 1);
        var messageId = NewId.NextGuid();
        var bus = platform.Reporting.Services.GetRequiredService<IBus>();
        await bus.Publish(request, c => c.MessageId = messageId);
        await bus.Publish(request, c => c.MessageId = messageId);
        await bus.Publish(request);
        await Eventually.ReturnsAsync(() => RiskHandledAsync(messageId), handled => handled, because: "risk-api handles the repeated request");
        var again = await risk.GetAsync($"/api/risk/actions?riskId={vpn.Id()}").OkJson();
        Assert.Single(again.GetProperty("items").EnumerateArray(), i => i.GetProperty("title").GetString() == "Automate VPN patching");

        // Signal 8 from the ManagementReviewSigned fact; the list shows the days since.
        await Eventually.ReturnsAsync(() => reporting.GetAsync("/api/reporting/signals").OkJson(),
            s => s.GetProperty("daysSinceManagementReview").ValueKind == JsonValueKind.Number && s.GetProperty("daysSinceManagementReview").GetInt32() == 0,
            because: "reporting keeps its own sign-off as a fact");
        var list = await reporting.GetAsync(Reviews).OkJson();
        Assert.Equal(0, list.GetProperty("daysSinceLastSigned").GetInt32());
        Assert.Equal("Signed", list.GetProperty("items")[0].GetProperty("status").GetString());

        // Frozen: a second overdue action moves the live figures, not the signed review's.
        await risk.PostAsJsonAsync($"/api/risk/risks/{vpn.Id()}/actions",
            new { title = "Rotate VPN keys", owner = RiskApiClient.OpsOwner, dueOn = Today.AddDays(-2) }).OkJson(HttpStatusCode.Created);
        await Eventually.ReturnsAsync(() => reporting.GetAsync("/api/reporting/signals").OkJson(),
            s => s.GetProperty("treatmentOverdue").GetProperty("overdueActions").GetInt32() == 2, because: "the second action reaches reporting");
        var frozen = await reporting.GetAsync($"{Reviews}/{id}").OkJson();
        Assert.Equal(1, Signal(frozen, "treatmentOverdue", "overdueActions").GetProperty("value").GetDouble());
        Assert.Equal(sha, frozen.GetProperty("snapshotSha256").GetString());

        // The pack: a PDF whose text holds the figures, the decision, the action and the hash.
        var pack = await reporting.GetAsync($"{Reviews}/{id}/pack.pdf");
        Assert.Equal(HttpStatusCode.OK, pack.StatusCode);
        Assert.Equal("application/pdf", pack.Content.Headers.ContentType?.MediaType);
        var bytes = await pack.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length < 5 * 1024 * 1024);
        var text = PdfText(bytes);
        foreach (var expected in new[] { "Q4 management review", "overdueActions", "Patch internet-facing appliances within 14 days", "Automate VPN patching", sha,
                     "New data-protection law in force", "Unpatched VPN appliance", RiskApiClient.OpsOwner })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        var csv = await reporting.GetStringAsync($"{Reviews}/{id}/decisions.csv");
        Assert.Contains("Automate VPN patching", csv, StringComparison.Ordinal);
        Assert.Contains(requestId.ToString(), csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_review_carries_forward_the_open_actions_of_the_previous_one_and_compares_its_figures()
    {
        var tenant = await platform.OnboardTenantAsync("mrc");
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        using var reporting = platform.ReportingApi(tenant.Tokens.AccessToken);
        var r = await risk.CreateRiskAsync("Shared admin accounts", likelihood: 4, impact: 4);
        await Eventually.ReturnsAsync(() => reporting.GetAsync("/api/reporting/signals").OkJson(),
            s => s.GetProperty("evidenceFreshness").GetProperty("undecided").GetInt32() == 93, because: "the tenant's facts reach reporting");
        await platform.KnownToReportingAsync(tenant.TenantId);

        var first = await PlanAsync(reporting, tenant, "First review", Today.AddDays(-1));
        var decision = await reporting.PostAsJsonAsync($"{Reviews}/{first.Id()}/decisions", new
        {
            kind = "PriorityChange", summary = "Remove shared admin accounts first",
            actions = new[] { new { riskId = r.Id(), title = "Named admin accounts", owner = RiskApiClient.Owner, dueOn = Today.AddDays(-1) } },
            version = first.GetProperty("version").GetInt64(),
        }).OkJson(HttpStatusCode.Created);
        var requestId = decision.GetProperty("actions")[0].GetProperty("requestId").GetGuid();
        var current = await reporting.GetAsync($"{Reviews}/{first.Id()}").OkJson();
        await reporting.PostAsJsonAsync($"{Reviews}/{first.Id()}/sign", new { version = current.GetProperty("version").GetInt64() }).OkJson();
        await Eventually.ReturnsAsync(() => risk.GetAsync($"/api/risk/actions?riskId={r.Id()}").OkJson(),
            a => a.GetProperty("items").GetArrayLength() == 1, because: "risk-api creates the requested action");
        await Eventually.ReturnsAsync(() => reporting.GetAsync("/api/reporting/signals").OkJson(),
            s => s.GetProperty("treatmentOverdue").GetProperty("overdueActions").GetInt32() == 1, because: "the created action reaches reporting");

        var second = await PlanAsync(reporting, tenant, "Second review", Today);

        var previous = second.GetProperty("inputs").GetProperty("previousReview");
        Assert.Equal(first.Id(), previous.Id());
        var carried = Assert.Single(second.GetProperty("inputs").GetProperty("previousActions").EnumerateArray());
        Assert.Equal(requestId, carried.GetProperty("requestId").GetGuid());
        Assert.Equal("Planned", carried.GetProperty("status").GetString());
        Assert.True(carried.GetProperty("carriedForward").GetBoolean());
        Assert.Equal(1, carried.GetProperty("overdueDays").GetInt32());
        var overdue = Signal(second, "treatmentOverdue", "overdueActions");
        Assert.Equal((1.0, 0.0, 1.0), (overdue.GetProperty("value").GetDouble(), overdue.GetProperty("previous").GetDouble(), overdue.GetProperty("change").GetDouble()));
        Assert.Equal(1, Signal(second, "daysSinceManagementReview", "days").GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task A_request_on_a_risk_the_tenant_does_not_have_is_dropped()
    {
        var a = await platform.OnboardTenantAsync("mrd");
        var b = await platform.OnboardTenantAsync("mrd");
        using var riskB = platform.RiskApi(b.Tokens.AccessToken);
        var ofB = await riskB.CreateRiskAsync("B's own risk");
        var bus = platform.Reporting.Services.GetRequiredService<IBus>();
        var (foreign, missing) = (NewId.NextGuid(), NewId.NextGuid());
        var (requestForeign, requestMissing) = (Guid.NewGuid(), Guid.NewGuid());

        await bus.Publish(new ManagementReviewActionRequested(a.TenantId, Guid.NewGuid(), Guid.NewGuid(), requestForeign, ofB.Id(), "Injected", RiskApiClient.Owner,
            Today, DateTimeOffset.UtcNow, 1), c => c.MessageId = foreign);
        await bus.Publish(new ManagementReviewActionRequested(a.TenantId, Guid.NewGuid(), Guid.NewGuid(), requestMissing, Guid.NewGuid(), "Nowhere", RiskApiClient.Owner,
            Today, DateTimeOffset.UtcNow, 1), c => c.MessageId = missing);
        await Eventually.ReturnsAsync(async () => await RiskHandledAsync(foreign) && await RiskHandledAsync(missing), handled => handled,
            because: "risk-api handles both requests");

        await using var scope = platform.Risk.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IsmsCloud.Risk.Infrastructure.RiskDbContext>();
        Assert.False(await db.TreatmentActions.IgnoreQueryFilters().AnyAsync(t => t.Id == requestForeign || t.Id == requestMissing));
        Assert.Equal(0, (await riskB.GetAsync($"/api/risk/actions?riskId={ofB.Id()}").OkJson()).GetProperty("totalCount").GetInt32());
    }

    public static async Task<JsonElement> PlanAsync(HttpClient reporting, TenantSession tenant, string title, DateOnly day) =>
        await reporting.PostAsJsonAsync(Reviews, new { title, reviewDate = day, chair = tenant.AdminEmail, attendees = new[] { RiskApiClient.Owner } })
            .OkJson(HttpStatusCode.Created);

    public static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join('\n', document.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))));
    }

    private async Task<bool> RiskHandledAsync(Guid messageId)
    {
        await using var scope = platform.Risk.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IsmsCloud.Risk.Infrastructure.RiskDbContext>().InboxMessages.IgnoreQueryFilters()
            .AnyAsync(m => m.MessageId == messageId && m.Consumer == "ManagementReviewActionRequestedConsumer");
    }
}

public static class ManagementReviewKit
{
    /// <summary>Reporting's member directory knows the tenant's admin and colleagues (chairs and attendees must be members).</summary>
    public static async Task KnownToReportingAsync(this PlatformFixture platform, Guid tenantId) =>
        await Eventually.ReturnsAsync(async () =>
        {
            await using var scope = platform.Reporting.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().KnownMembers.IgnoreQueryFilters().CountAsync(m => m.TenantId == tenantId);
        }, count => count >= PlatformFixture.Colleagues.Length + 1, because: "reporting's member directory knows the tenant's members");
}
