using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IsmsCloud.Audits.Infrastructure;
using IsmsCloud.Contracts.Events;
using IsmsCloud.IntegrationTests.Risk;
using IsmsCloud.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IsmsCloud.IntegrationTests.AuditProgramme.AuditProgrammeApiClient;

namespace IsmsCloud.IntegrationTests.AuditProgramme;

/// <summary>
/// Supplier access as a campaign's source (ADR 0021): audit-api keeps supplier-api's SupplierAccessChanged (newer
/// versions only, removals honoured) and a draft campaign takes the current access of a system as its items, tagged
/// against the previous campaign like CSV items. The events are published onto the bus here, as supplier-api would.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SupplierAccessCampaignTests(PlatformFixture platform)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static SupplierAccessChanged Access(Guid tenantId, Guid accessId, long version, string system, string account, string entitlements = "read",
        bool privileged = false, bool removed = false, DateOnly? until = null, string supplier = "Acme Support Ltd", string? person = "Ann External") =>
        new(tenantId, accessId, SupplierId, version, supplier, system, account, person, $"{account}@acme.example", entitlements, privileged,
            Today.AddDays(-100), until, Now.AddDays(-3), removed, Now.AddMinutes(version));

    private static readonly Guid SupplierId = Guid.NewGuid();

    [Fact]
    public async Task A_campaign_takes_the_current_supplier_access_of_its_system_and_the_next_one_tags_new_changed_unchanged_and_gone()
    {
        var a = await platform.OnboardTenantAsync("supacc-a");
        var b = await platform.OnboardTenantAsync("supacc-b");
        using var asA = platform.AuditApi(a.Tokens.AccessToken);
        using var asB = platform.AuditApi(b.Tokens.AccessToken);
        var bus = platform.Audit.Services.GetRequiredService<IBus>();
        Guid ann = Guid.NewGuid(), bob = Guid.NewGuid(), gone = Guid.NewGuid(), late = Guid.NewGuid(), ended = Guid.NewGuid(), jira = Guid.NewGuid();

        await bus.Publish(Access(a.TenantId, ann, 1, "Okta", "ext-ann"));
        await bus.Publish(Access(a.TenantId, bob, 1, "okta ", "EXT-Bob", "admin", privileged: true, person: null));
        await bus.Publish(Access(a.TenantId, gone, 1, "Okta", "ext-gone"));
        await bus.Publish(Access(a.TenantId, gone, 2, "Okta", "ext-gone", removed: true));
        await bus.Publish(Access(a.TenantId, late, 2, "Okta", "ext-late", "read;write"));
        await bus.Publish(Access(a.TenantId, ended, 1, "Okta", "ext-ended", until: Today.AddDays(-1)));
        await bus.Publish(Access(a.TenantId, jira, 1, "Jira", "ext-jira"));
        await bus.Publish(Access(b.TenantId, Guid.NewGuid(), 1, "Okta", "b-secret"));
        await WaitForAccessAsync(a.TenantId, rows => rows.Count == 6 && rows.Single(r => r.AccessId == gone).Removed);
        // Older versions arriving late: handled (their inbox marks), and nothing changes.
        Guid[] older = [Guid.NewGuid(), Guid.NewGuid()];
        await bus.Publish(Access(a.TenantId, late, 1, "Okta", "ext-late", "read"), c => c.MessageId = older[0]);
        await bus.Publish(Access(a.TenantId, gone, 1, "Okta", "ext-gone"), c => c.MessageId = older[1]);
        await Eventually.ReturnsAsync(() => HandledAsync(older), n => n == 2, because: "audit-api handles the late versions");

        var first = await CampaignAsync(asA, "Okta");
        var taken = await asA.PostAsJsonAsync($"/api/audit/access-reviews/{first}/items/from-supplier-access", new { }).OkJson();
        Assert.Equal(3, taken.GetProperty("imported").GetInt32());
        Assert.Equal(3, taken.GetProperty("campaign").GetProperty("items").GetInt32());
        var items = await ItemsAsync(asA, first);
        Assert.Equal(["ext-ann", "EXT-Bob", "ext-late"], items.Keys.Order(StringComparer.OrdinalIgnoreCase).ToArray());
        Assert.All(items.Values, i => Assert.Equal(JsonValueKind.Null, i.GetProperty("change").ValueKind)); // no previous campaign
        Assert.Equal("read;write", items["ext-late"].GetProperty("entitlements").GetString()); // version 2 stands
        Assert.Equal("Ann External (Acme Support Ltd)", items["ext-ann"].GetProperty("userName").GetString());
        Assert.Equal("EXT-Bob (Acme Support Ltd)", items["EXT-Bob"].GetProperty("userName").GetString());
        Assert.True(items["EXT-Bob"].GetProperty("privileged").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await asA.PostAsJsonAsync($"/api/audit/access-reviews/{first}/items/from-supplier-access", new { })).StatusCode);

        // Tenant B's campaign of the same system sees only B's access; B cannot reach A's campaign.
        var ofB = await CampaignAsync(asB, "Okta");
        var takenByB = await asB.PostAsJsonAsync($"/api/audit/access-reviews/{ofB}/items/from-supplier-access", new { }).OkJson();
        Assert.Equal(["b-secret"], (await ItemsAsync(asB, ofB)).Keys.ToArray());
        Assert.Equal(1, takenByB.GetProperty("imported").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await asB.PostAsJsonAsync($"/api/audit/access-reviews/{first}/items/from-supplier-access", new { })).StatusCode);

        // Ann's rights change, Bob's access is removed, a new account appears; the next campaign is tagged against the first.
        await bus.Publish(Access(a.TenantId, ann, 2, "Okta", "ext-ann", "read;admin"));
        await bus.Publish(Access(a.TenantId, bob, 2, "Okta", "EXT-Bob", "admin", privileged: true, removed: true));
        var newcomer = Guid.NewGuid();
        await bus.Publish(Access(a.TenantId, newcomer, 1, "Okta", "ext-new"));
        await WaitForAccessAsync(a.TenantId, rows => rows.Count == 7 && rows.Single(r => r.AccessId == bob).Removed && rows.Single(r => r.AccessId == ann).Version == 2);
        var second = await CampaignAsync(asA, "OKTA");
        await asA.PostAsync($"/api/audit/access-reviews/{second}/items/from-supplier-access", null).OkJson();
        var tags = (await ItemsAsync(asA, second)).ToDictionary(i => i.Key, i => i.Value.GetProperty("change").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["ext-ann"] = "Changed", ["ext-late"] = "Unchanged", ["ext-new"] = "New" }, tags);
        var detail = await asA.GetFromJsonAsync<JsonElement>($"/api/audit/access-reviews/{second}");
        Assert.Equal(first, detail.GetProperty("campaign").GetProperty("previousCampaignId").GetGuid());
        Assert.Equal("EXT-Bob", Assert.Single(detail.GetProperty("disappearedAccounts").EnumerateArray()).GetProperty("account").GetString());

        // Another system by name; a system without supplier access is a field error.
        var third = await CampaignAsync(asA, "Issue tracker");
        var none = await asA.PostAsJsonAsync($"/api/audit/access-reviews/{third}/items/from-supplier-access", new { }).Problem(HttpStatusCode.BadRequest);
        Assert.True(none.GetProperty("errors").TryGetProperty("system", out _), none.ToString());
        var fromJira = await asA.PostAsJsonAsync($"/api/audit/access-reviews/{third}/items/from-supplier-access", new { system = " JIRA" }).OkJson();
        Assert.Equal(1, fromJira.GetProperty("imported").GetInt32());
        using var viewer = platform.AuditApi((await platform.AddMemberAsync(a, Contracts.IsmsRoles.Viewer)).AccessToken);
        var fourth = await CampaignAsync(asA, "Okta");
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync($"/api/audit/access-reviews/{fourth}/items/from-supplier-access", new { })).StatusCode);
    }

    private static async Task<Guid> CampaignAsync(HttpClient audit, string system) =>
        (await audit.PostAsJsonAsync("/api/audit/access-reviews",
            new { system, title = $"{system} supplier access review", reviewers = new[] { RiskApiClient.Owner }, dueOn = Today.AddDays(14) })
            .OkJson(HttpStatusCode.Created)).GetProperty("campaign").Id();

    private static async Task<Dictionary<string, JsonElement>> ItemsAsync(HttpClient audit, Guid campaignId) =>
        (await audit.GetFromJsonAsync<JsonElement>($"/api/audit/access-reviews/{campaignId}/items?pageSize=100")).GetProperty("items").EnumerateArray()
        .ToDictionary(i => i.GetProperty("account").GetString()!, i => i);

    private Task WaitForAccessAsync(Guid tenantId, Func<List<Audits.SupplierAccess.SupplierAccount>, bool> condition) =>
        Eventually.ReturnsAsync(async () =>
        {
            await using var scope = platform.Audit.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<AuditDbContext>().SupplierAccess.IgnoreQueryFilters().AsNoTracking()
                .Where(r => r.TenantId == tenantId).ToListAsync();
        }, condition, because: "audit-api keeps the supplier access it was told of");

    /// <summary>How many of these messages audit-api's supplier access consumer has handled (its inbox marks).</summary>
    private async Task<int> HandledAsync(Guid[] messageIds)
    {
        await using var scope = platform.Audit.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditDbContext>().InboxMessages.IgnoreQueryFilters()
            .CountAsync(m => messageIds.Contains(m.MessageId) && m.Consumer == "SupplierAccessChangedConsumer");
    }
}
