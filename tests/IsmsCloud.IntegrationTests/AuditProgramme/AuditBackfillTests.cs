using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IsmsCloud.Audits.Infrastructure;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.IntegrationTests.Risk;
using IsmsCloud.Reporting.Facts;
using IsmsCloud.Reporting.Infrastructure;
using IsmsCloud.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IsmsCloud.IntegrationTests.AuditProgramme.AuditProgrammeApiClient;

namespace IsmsCloud.IntegrationTests.AuditProgramme;

/// <summary>
/// audit-api answers TenantStateRequested (ADR 0021): reporting, having lost every audit fact of a tenant, learns each
/// record's current version again, its figures come back as they were, and a repeated request adds nothing.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AuditBackfillTests(PlatformFixture platform)
{
    private static readonly FactKind[] AuditKinds =
        [FactKind.Audit, FactKind.Finding, FactKind.CorrectiveAction, FactKind.AccessReview, FactKind.AccessReviewItem];

    [Fact]
    public async Task Reporting_learns_every_audit_record_again_with_its_current_version_and_a_second_request_counts_nothing_twice()
    {
        var tenant = await platform.OnboardTenantAsync("auditfill");
        using var audit = platform.AuditApi(tenant.Tokens.AccessToken);
        using var reviewer = platform.AuditApi(await platform.SignInToAsync(tenant, RiskApiClient.Owner));
        using var reporting = platform.ReportingApi(tenant.Tokens.AccessToken);

        // Two audits (one completed, one running), a recurring finding, a withdrawn one, an overdue corrective action,
        // a campaign due today with three accounts, two decided (a revocation not verified).
        var lastYear = await audit.RunAuditAsync("Internal audit last year", Today.AddDays(-370), Today.AddDays(-368), auditor: tenant.AdminEmail);
        await audit.RaiseAsync(lastYear.Id(), "A.8.8", raisedOn: Today.AddDays(-369));
        var thisYear = await audit.RunAuditAsync("Internal audit this year", Today.AddDays(-1), auditor: tenant.AdminEmail);
        var recurring = (await audit.RaiseAsync(thisYear.Id(), "A.8.8")).GetProperty("finding");
        var mistaken = (await audit.RaiseAsync(thisYear.Id(), "9.2.2")).GetProperty("finding");
        await audit.PostAsJsonAsync($"/api/audit/findings/{mistaken.Id()}/withdraw", new { reason = "Raised in error", version = mistaken.Version() }).OkJson();
        await audit.PostAsJsonAsync($"/api/audit/findings/{recurring.Id()}/actions",
            new { title = "Patch within 14 days", owner = RiskApiClient.Owner, dueOn = Today.AddDays(-2) }).OkJson(HttpStatusCode.Created);
        var campaign = (await audit.PostAsJsonAsync("/api/audit/access-reviews",
            new { system = "GitHub", title = "GitHub review", reviewers = new[] { RiskApiClient.Owner }, dueOn = Today }).OkJson(HttpStatusCode.Created)).GetProperty("campaign");
        await audit.PostAsync($"/api/audit/access-reviews/{campaign.Id()}/items/import", Csv(AccountsCsv(3))).OkJson();
        var imported = (await audit.GetFromJsonAsync<JsonElement>($"/api/audit/access-reviews/{campaign.Id()}")).GetProperty("campaign");
        await audit.PostAsJsonAsync($"/api/audit/access-reviews/{campaign.Id()}/open", new { version = imported.Version() }).OkJson();
        var items = (await reviewer.GetFromJsonAsync<JsonElement>($"/api/audit/access-reviews/{campaign.Id()}/items")).GetProperty("items").EnumerateArray().ToList();
        await reviewer.PostAsJsonAsync($"/api/audit/access-reviews/{campaign.Id()}/items/{items[0].Id()}/decision",
            new { decision = "Revoke", justification = "Left in October", version = 0 }).OkJson();
        await reviewer.PostAsJsonAsync($"/api/audit/access-reviews/{campaign.Id()}/items/{items[1].Id()}/decision", new { decision = "Keep", version = 0 }).OkJson();

        var before = await SignalsWhenAsync(reporting, s =>
            s.GetProperty("findingRecurrence").GetProperty("recurring").GetInt32() == 1
            && s.GetProperty("correctiveActions").GetProperty("overdue").GetInt32() == 1
            && s.GetProperty("accessReviews").GetProperty("decided").GetInt32() == 2
            && s.GetProperty("accessReviews").GetProperty("unverifiedRevocations").GetInt32() == 1, "audit-api's changes reach reporting");
        var followed = await Eventually.ReturnsAsync(() => LatestVersionsAsync(tenant.TenantId),
            v => v.Count == 9, because: "2 audits, 3 findings, 1 action, 1 campaign and 2 decided items are facts");

        // As if reporting had lost (or never had) audit-api's facts of the tenant.
        await using (var scope = platform.Reporting.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().Facts.IgnoreQueryFilters()
                .Where(f => f.TenantId == tenant.TenantId && AuditKinds.Contains(f.Kind)).ExecuteDeleteAsync();
        }

        var firstRound = await RepublishAsync(reporting, tenant.TenantId, expected: 9);
        Assert.Equal(followed, await LatestVersionsAsync(tenant.TenantId)); // every record, at the version it had
        var after = await SignalsAsync(reporting);
        Assert.Equal(Figures(before), Figures(after));
        var rows = await FactRowsAsync(tenant.TenantId);
        Assert.Equal(9, rows); // one version each: the current one

        var secondRound = await RepublishAsync(reporting, tenant.TenantId, expected: 9);
        Assert.Empty(firstRound.Intersect(secondRound));
        Assert.Equal(rows, await FactRowsAsync(tenant.TenantId)); // versions held: nothing new
        Assert.Equal(Figures(before), Figures(await SignalsAsync(reporting)));
    }

    private static Task<JsonElement> SignalsAsync(HttpClient reporting) => reporting.GetAsync("/api/reporting/signals").OkJson();

    private static Task<JsonElement> SignalsWhenAsync(HttpClient reporting, Func<JsonElement, bool> condition, string because) =>
        Eventually.ReturnsAsync(() => SignalsAsync(reporting), condition, because: because);

    /// <summary>The audit-api figures of a signals answer (the rest belongs to other services, which republish too).</summary>
    private static string Figures(JsonElement signals) => string.Join('|',
        new[] { "findingRecurrence", "accessReviews", "correctiveActions" }.Select(name => signals.GetProperty(name).ToString()));

    /// <summary>
    /// Asks for the tenant's state through reporting (which publishes TenantStateRequested) and waits until audit-api
    /// has queued its answer and reporting has handled every message of it; returns those message ids.
    /// </summary>
    private async Task<List<Guid>> RepublishAsync(HttpClient reporting, Guid tenantId, int expected)
    {
        var earlier = (await AuditOutboxIdsAsync(tenantId)).ToHashSet();
        await reporting.PostAsync("/api/reporting/signals/republish", null).OkJson(HttpStatusCode.Accepted);
        var answer = await Eventually.ReturnsAsync(async () => (await AuditOutboxIdsAsync(tenantId)).Where(id => !earlier.Contains(id)).ToList(),
            ids => ids.Count >= expected, because: "audit-api republishes each record of the tenant");
        Assert.Equal(expected, answer.Count);
        await Eventually.ReturnsAsync(async () =>
        {
            await using var scope = platform.Reporting.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().InboxMessages.IgnoreQueryFilters()
                .Where(m => answer.Contains(m.MessageId) && m.Consumer.EndsWith("FactConsumer")).Select(m => m.MessageId).Distinct().CountAsync();
        }, n => n == expected, because: "reporting handles each republished record");
        return answer;
    }

    private async Task<List<Guid>> AuditOutboxIdsAsync(Guid tenantId)
    {
        await using var scope = platform.Audit.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditDbContext>().Set<OutboxMessage>().IgnoreQueryFilters()
            .Where(m => m.TenantId == tenantId).Select(m => m.Id).ToListAsync();
    }

    /// <summary>Each audit-api record reporting holds, with the newest version it holds.</summary>
    private async Task<Dictionary<string, long>> LatestVersionsAsync(Guid tenantId)
    {
        await using var scope = platform.Reporting.Services.CreateAsyncScope();
        var facts = await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().Facts.IgnoreQueryFilters().AsNoTracking()
            .Where(f => f.TenantId == tenantId && AuditKinds.Contains(f.Kind))
            .GroupBy(f => new { f.Kind, f.RecordId }).Select(g => new { g.Key.Kind, g.Key.RecordId, Version = g.Max(f => f.Version) }).ToListAsync();
        return facts.ToDictionary(f => $"{f.Kind}:{f.RecordId}", f => f.Version);
    }

    private async Task<int> FactRowsAsync(Guid tenantId)
    {
        await using var scope = platform.Reporting.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().Facts.IgnoreQueryFilters()
            .CountAsync(f => f.TenantId == tenantId && AuditKinds.Contains(f.Kind));
    }
}
