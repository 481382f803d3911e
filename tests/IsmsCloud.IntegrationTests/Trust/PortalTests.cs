using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IsmsCloud.Contracts.Events;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Trust.Infrastructure;
using IsmsCloud.Trust.Portal;
using Microsoft.EntityFrameworkCore;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace IsmsCloud.IntegrationTests.Trust;

/// <summary>The anonymous portal, straight against trust-api (the gateway's route to it is covered by the system tests).</summary>
[Collection(PlatformCollection.Name)]
public sealed class PortalTests(PlatformFixture platform)
{
    [Fact]
    public async Task The_portal_shows_what_is_certified_and_what_is_not_with_reasons_and_nothing_private()
    {
        var tenant = await platform.OnboardTenantAsync("pub");
        var other = await platform.OnboardTenantAsync("oth");
        using var trust = platform.TrustApi(tenant.Tokens.AccessToken);
        using var otherTrust = platform.TrustApi(other.Tokens.AccessToken);
        await trust.SetProfileAsync(services: ["Transfer", "Consulting"]);
        await otherTrust.SetProfileAsync();
        await otherTrust.PublishScopeAsync(["Other tenant's secret service"], ("Other tenant's exclusion", "Other tenant's private reason text."));
        var scope = await trust.PublishScopeAsync(["Transfer", "Backup"],
            ("Consulting", "A separate business unit with its own staff and systems."),
            ("Data centre physical security", "Covered by the hosting provider's own certificate."));
        var today = platform.TrustClock.Today();
        await trust.CreateCertificateAsync(scope.GetProperty("id").GetGuid(), today.AddMonths(-6), today.AddYears(2), number: "ISMS-PUB-1");
        // Private things: a draft in progress, an unpublished document, a pending NDA request.
        var draft = await (await trust.PostAsync("/api/trust/scope/draft", null)).Content.ReadFromJsonAsync<JsonElement>();
        await trust.PutAsJsonAsync("/api/trust/scope/draft", new
        {
            summary = "Draft summary nobody outside may read", includedServices = new[] { "Secret upcoming product" },
            version = draft.GetProperty("version").GetUInt32(),
        });
        var gated = await trust.PublishDocumentAsync("SOC 2 report", "NdaGated");
        await NdaTests.RequestAccessAsync(platform.PortalVisitor(), tenant.Slug, gated.GetProperty("id").GetGuid(), "private.visitor@buyer.example");

        using var visitor = platform.PortalVisitor();
        var page = await visitor.GetAsync($"/trust/{tenant.Slug}");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<meta name=\"viewport\"", html, StringComparison.Ordinal);
        Assert.Contains("<h1>", html, StringComparison.Ordinal);
        Assert.Contains("Not covered by the certificate", html, StringComparison.Ordinal);
        Assert.Contains("Consulting</strong> — <span>A separate business unit with its own staff and systems.", html, StringComparison.Ordinal);
        Assert.Contains("Data centre physical security</strong> — <span>Covered by the hosting provider&#x27;s own certificate.", html, StringComparison.Ordinal);
        Assert.Contains("ISMS-PUB-1", html, StringComparison.Ordinal);
        Assert.Contains("data-validity=\"Valid\"", html, StringComparison.Ordinal);
        Assert.Contains("Last updated", html, StringComparison.Ordinal);
        Assert.Contains("Consulting: <strong>not covered by the certificate</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        foreach (var secret in new[] { "Draft summary nobody outside", "Secret upcoming product", "private.visitor@buyer.example", "Other tenant", tenant.AdminEmail })
        {
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
        }

        var json = await visitor.GetAsync($"/trust/{tenant.Slug}/trust.json");
        var body = await json.Content.ReadAsStringAsync();
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        var facts = JsonDocument.Parse(body).RootElement;
        Assert.Equal("Valid", facts.GetProperty("certificates")[0].GetProperty("validity").GetString());
        Assert.Equal(1, facts.GetProperty("scope").GetProperty("versionNumber").GetInt32());
        Assert.Equal(2, facts.GetProperty("scope").GetProperty("exclusions").GetArrayLength());
        Assert.Equal("Covered by the hosting provider's own certificate.", facts.GetProperty("scope").GetProperty("exclusions")[1].GetProperty("justification").GetString());
        foreach (var secret in new[] { "Draft summary nobody outside", "Secret upcoming product", "private.visitor", "Other tenant", tenant.TenantId.ToString(), "tenantId" })
        {
            Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Unknown_switched_off_and_suspended_portals_answer_404_without_data()
    {
        var tenant = await platform.OnboardTenantAsync("sus");
        using var trust = platform.TrustApi(tenant.Tokens.AccessToken);
        await trust.SetProfileAsync(portal: false);
        await trust.PublishScopeAsync(["Transfer"], ("Consulting", "A separate business unit with its own staff."));
        using var visitor = platform.PortalVisitor();

        var unknown = await visitor.GetAsync("/trust/no-such-tenant-anywhere");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("There is no trust portal at this address.", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/trust/..%2F..%2Fetc")).StatusCode);
        var off = await visitor.GetAsync($"/trust/{tenant.Slug}");
        Assert.Equal(HttpStatusCode.NotFound, off.StatusCode);
        Assert.DoesNotContain("Consulting", await off.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/trust/{tenant.Slug}/trust.json")).StatusCode);

        await trust.SetProfileAsync(portal: true);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/trust/{tenant.Slug}")).StatusCode);

        using var admin = platform.IdentityApi(await platform.PlatformAdminTokenAsync());
        (await admin.PostAsJsonAsync($"/api/admin/tenants/{tenant.TenantId}/suspend", new { reason = "Unpaid invoices" })).EnsureSuccessStatusCode();

        // The page was cached a moment ago; the suspension must still take effect within seconds.
        var status = await Testing.Eventually.ReturnsAsync(async () => (await visitor.GetAsync($"/trust/{tenant.Slug}")).StatusCode,
            s => s == HttpStatusCode.NotFound, because: "a suspended tenant's portal should disappear");
        Assert.Equal(HttpStatusCode.NotFound, status);
        var page = await (await visitor.GetAsync($"/trust/{tenant.Slug}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Consulting", page, StringComparison.Ordinal);
        Assert.DoesNotContain(tenant.Slug, page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/trust/{tenant.Slug}/trust.json")).StatusCode);
    }

    [Fact]
    public async Task Conditional_get_answers_304_and_publishing_evicts_the_cached_page_at_once()
    {
        var tenant = await platform.OnboardTenantAsync("etag");
        using var trust = platform.TrustApi(tenant.Tokens.AccessToken);
        await trust.SetProfileAsync();
        await trust.PublishScopeAsync(["Transfer"], ("Consulting", "A separate business unit with its own staff."));
        using var visitor = platform.PortalVisitor();

        var first = await visitor.GetAsync($"/trust/{tenant.Slug}");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.Contains("no-cache", first.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/trust/{tenant.Slug}");
        conditional.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await visitor.SendAsync(conditional)).StatusCode);

        await trust.PublishScopeAsync(["Transfer"], ("Consulting", "Sold to another company in 2026, no longer ours."));

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/trust/{tenant.Slug}");
        again.Headers.IfNoneMatch.Add(etag);
        var changed = await visitor.SendAsync(again);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Contains("Sold to another company in 2026", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_saved_by_another_instance_evicts_this_instances_cached_page_through_the_bus()
    {
        var tenant = await platform.OnboardTenantAsync("fanout");
        using var trust = platform.TrustApi(tenant.Tokens.AccessToken);
        await trust.SetProfileAsync();
        using var visitor = platform.PortalVisitor();
        Assert.Contains("We take security seriously", await visitor.GetStringAsync($"/trust/{tenant.Slug}"), StringComparison.Ordinal);

        // Another instance's save: the row changes in the shared database, but nothing in this process evicts.
        await using (var scope = platform.Trust.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant.TenantId);
            await scope.ServiceProvider.GetRequiredService<TrustDbContext>().Profiles
                .ExecuteUpdateAsync(p => p.SetProperty(x => x.Summary, "Saved by the other instance."));
        }

        Assert.Contains("We take security seriously", await visitor.GetStringAsync($"/trust/{tenant.Slug}"), StringComparison.Ordinal);

        // What that instance's outbox publishes after its commit: every instance listens on a queue of its own.
        await platform.Trust.Services.GetRequiredService<IBus>().Publish(new PortalPagesChanged(tenant.TenantId));
        await Testing.Eventually.ReturnsAsync(() => visitor.GetStringAsync($"/trust/{tenant.Slug}"),
            html => html.Contains("Saved by the other instance.", StringComparison.Ordinal), because: "the eviction should reach this instance");
    }

    [Fact]
    public async Task A_save_here_tells_the_other_instances_to_evict_through_the_outbox()
    {
        var tenant = await platform.OnboardTenantAsync("fanout-out");
        using var trust = platform.TrustApi(tenant.Tokens.AccessToken);
        await trust.SetProfileAsync();

        await using var scope = platform.Trust.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant.TenantId);
        var outbox = await scope.ServiceProvider.GetRequiredService<TrustDbContext>().Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.TenantId == tenant.TenantId && m.Type.StartsWith(typeof(PortalPagesChanged).FullName!)).CountAsync();
        Assert.True(outbox >= 1, "saving the profile should queue PortalPagesChanged for the other instances");
    }

    [Fact]
    public async Task A_certificate_past_its_expiry_date_is_shown_expired_when_the_clock_moves_even_from_the_cache()
    {
        var tenant = await platform.OnboardTenantAsync("exp");
        using var trust = platform.TrustApi(tenant.Tokens.AccessToken);
        await trust.SetProfileAsync();
        var scope = await trust.PublishScopeAsync(["Transfer"]);
        var today = platform.TrustClock.Today();
        await trust.CreateCertificateAsync(scope.GetProperty("id").GetGuid(), today.AddYears(-3).AddDays(1), today, number: "EXP-1");
        using var visitor = platform.PortalVisitor();

        var before = await visitor.GetStringAsync($"/trust/{tenant.Slug}");
        Assert.Contains("data-validity=\"Valid\"", before, StringComparison.Ordinal);

        try
        {
            platform.TrustClock.Offset = TimeSpan.FromDays(1);
            var after = await visitor.GetStringAsync($"/trust/{tenant.Slug}");
            Assert.Contains("data-validity=\"Expired\"", after, StringComparison.Ordinal);
            Assert.DoesNotContain("data-validity=\"Valid\"", after, StringComparison.Ordinal);
            Assert.Contains("Scope statement (not covered by a valid certificate)", after, StringComparison.Ordinal);
            var json = await visitor.GetFromJsonAsync<JsonElement>($"/trust/{tenant.Slug}/trust.json");
            Assert.Equal("Expired", json.GetProperty("certificates")[0].GetProperty("validity").GetString());
        }
        finally
        {
            platform.TrustClock.Offset = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task A_published_soa_version_is_shown_and_an_older_redelivery_does_not_replace_it()
    {
        var tenant = await platform.OnboardTenantAsync("soa");
        using var trust = platform.TrustApi(tenant.Tokens.AccessToken);
        await trust.SetProfileAsync();
        var bus = platform.Trust.Services.GetRequiredService<IBus>();
        var now = DateTimeOffset.UtcNow;

        await bus.Publish(new SoaPublished(tenant.TenantId, Guid.NewGuid(), 4, now, "Morgan", 93, 80, 60));
        await Testing.Eventually.ReturnsAsync(async () => (await trust.GetFromJsonAsync<JsonElement>("/api/trust/profile")).GetProperty("soaVersionNumber"),
            v => v.ValueKind == JsonValueKind.Number && v.GetInt32() == 4, because: "trust should record SoA version 4");
        await bus.Publish(new SoaPublished(tenant.TenantId, Guid.NewGuid(), 3, now.AddDays(-10), "Morgan", 93, 80, 50));
        await bus.Publish(new AuditCompleted(tenant.TenantId, Guid.NewGuid(), "Surveillance 1", AuditKind.Surveillance, "Body", DateOnly.FromDateTime(now.UtcDateTime), now));

        var profile = await Testing.Eventually.ReturnsAsync(() => trust.GetFromJsonAsync<JsonElement>("/api/trust/profile"),
            p => p.GetProperty("lastExternalAuditOn").ValueKind == JsonValueKind.String, because: "trust should record the audit");
        Assert.Equal(4, profile.GetProperty("soaVersionNumber").GetInt32());
        var html = await platform.PortalVisitor().GetStringAsync($"/trust/{tenant.Slug}");
        Assert.Contains("Statement of Applicability is version 4", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_may_name_only_a_published_soa_version_and_a_newer_publication_warns_that_it_is_superseded()
    {
        var tenant = await platform.OnboardTenantAsync("soacert");
        using var trust = platform.TrustApi(tenant.Tokens.AccessToken);
        await trust.WaitForProfileAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        object Naming(int soa) => new
        {
            standard = "ISO/IEC 27001:2022", certificationBody = "Example Certification B.V.", certificateNumber = $"SOA-{Guid.NewGuid():N}"[..16],
            issuedOn = today.AddMonths(-2).ToString("yyyy-MM-dd"), expiresOn = today.AddYears(2).ToString("yyyy-MM-dd"), status = "Active",
            scopeVersionId = (Guid?)null, soaVersionNumber = soa, version = 0,
        };

        // Nothing published yet: no version can be claimed.
        var none = await trust.PostAsJsonAsync("/api/trust/certificates", Naming(1));
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("No Statement of Applicability has been published", (await none.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("soaVersionNumber")[0].GetString());

        var bus = platform.Trust.Services.GetRequiredService<IBus>();
        await bus.Publish(new SoaPublished(tenant.TenantId, Guid.NewGuid(), 2, DateTimeOffset.UtcNow, "Morgan", 93, 80, 60));
        await Testing.Eventually.ReturnsAsync(async () => (await trust.GetFromJsonAsync<JsonElement>("/api/trust/profile")).GetProperty("soaVersionNumber"),
            v => v.ValueKind == JsonValueKind.Number && v.GetInt32() == 2, because: "trust should record SoA version 2");

        var unpublished = await trust.PostAsJsonAsync("/api/trust/certificates", Naming(3));
        Assert.Equal(HttpStatusCode.BadRequest, unpublished.StatusCode);
        Assert.Contains("version 3 has not been published; the newest published is version 2",
            (await unpublished.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("soaVersionNumber")[0].GetString());
        Assert.Equal(0, (await trust.GetFromJsonAsync<JsonElement>("/api/trust/certificates")).GetProperty("items").GetArrayLength());

        var current = await trust.PostAsJsonAsync("/api/trust/certificates", Naming(2));
        Assert.Equal(HttpStatusCode.Created, current.StatusCode);
        static async Task<string[]> KindsAsync(HttpClient trust) => [.. (await trust.GetFromJsonAsync<JsonElement>("/api/trust/warnings"))
            .GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("kind").GetString()!)];
        Assert.DoesNotContain("SoaChangedAfterCertificate", await KindsAsync(trust));

        // Version 3 is published after the certificate: it now covers a superseded SoA, and the tenant is told.
        await bus.Publish(new SoaPublished(tenant.TenantId, Guid.NewGuid(), 3, DateTimeOffset.UtcNow, "Morgan", 93, 82, 61));
        await Testing.Eventually.ReturnsAsync(() => KindsAsync(trust), kinds => kinds.Contains("SoaChangedAfterCertificate"),
            because: "a certificate covering SoA version 2 after version 3 was published should be warned about");
    }

    [Fact]
    public async Task Reportings_confidence_erosion_warns_the_tenant_whose_portal_shows_a_valid_certificate_and_a_late_older_reading_changes_nothing()
    {
        var tenant = await platform.OnboardTenantAsync("erode");
        using var trust = platform.TrustApi(tenant.Tokens.AccessToken);
        await trust.WaitForProfileAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await trust.CreateCertificateAsync(null, today.AddDays(-100), today.AddDays(900));
        var bus = platform.Trust.Services.GetRequiredService<IBus>();
        // A day ahead: reporting's own SignalsChanged for this tenant (after the certificate) must be older than these.
        var now = DateTimeOffset.UtcNow.AddDays(1);
        static string Figures(bool active, params string[] patterns) => JsonSerializer.Serialize(new
        {
            patterns = patterns.Select(kind => new { kind, records = Array.Empty<object>() }),
            confidenceErosion = new { active, certificateValid = true, activePatterns = patterns.Length },
        });
        static bool Warns(JsonElement w) => w.GetProperty("warnings").EnumerateArray().Any(x => x.GetProperty("kind").GetString() == "ConfidenceErosion");

        await bus.Publish(new SignalsChanged(tenant.TenantId, today, 1, Figures(true, "PaperControls", "DetachedRegister"), now));
        var warned = await Testing.Eventually.ReturnsAsync(() => trust.GetFromJsonAsync<JsonElement>("/api/trust/warnings"), Warns,
            because: "SignalsChanged with confidence erosion reaches trust-api");
        var message = warned.GetProperty("warnings").EnumerateArray().Single(x => x.GetProperty("kind").GetString() == "ConfidenceErosion").GetProperty("message").GetString();
        Assert.Contains("PaperControls, DetachedRegister", message, StringComparison.Ordinal);

        // Older figures delivered late are ignored; newer ones without erosion clear the warning.
        await bus.Publish(new SignalsChanged(tenant.TenantId, today, 1, Figures(false), now.AddMinutes(-1)));
        await bus.Publish(new SignalsChanged(tenant.TenantId, today, 1, Figures(true, "PaperControls", "DetachedRegister", "PermanentExceptions"), now.AddSeconds(5)));
        await Testing.Eventually.ReturnsAsync(() => trust.GetFromJsonAsync<JsonElement>("/api/trust/warnings"),
            w => Warns(w) && w.GetProperty("warnings").EnumerateArray().Any(x => x.GetProperty("message").GetString()!.Contains("PermanentExceptions", StringComparison.Ordinal)),
            because: "the newest reading wins");
        await bus.Publish(new SignalsChanged(tenant.TenantId, today, 1, Figures(false), now.AddSeconds(10)));
        await Testing.Eventually.ReturnsAsync(() => trust.GetFromJsonAsync<JsonElement>("/api/trust/warnings"), w => !Warns(w),
            because: "figures without erosion clear the warning");
    }
}
