using System.Net.Http.Json;
using System.Text.Json;
using IsmsCloud.BuildingBlocks.Demo;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.IntegrationTests.Risk;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Identity.Infrastructure;
using IsmsCloud.Identity.Seeding;
using IsmsCloud.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IsmsCloud.IntegrationTests.Demo;

/// <summary>
/// The demo tenants of <c>./run.sh</c> (issue 14): identity-api's seed onboards Acme Cloud and Calm Systems, every
/// service tells its part of their stories through its own handlers, and reporting shows the seed's warning for Acme —
/// the failure patterns with confidence erosion — and nothing for Calm. Run twice, the seed changes nothing.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class DemoStoryTests(PlatformFixture platform)
{
    private const string DemoPassword = "Demo-Pass-2026!";
    private static readonly TimeSpan StoryTime = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_demo_seed_tells_Acme_the_seeds_warning_and_Calm_nothing_and_a_second_run_changes_nothing()
    {
        await SeedDemoTenantsAsync();
        var acmeToken = await SignInAsync(DemoTenants.Member(DemoTenants.AcmeSlug, "manager"));
        var calmToken = await SignInAsync(DemoTenants.Member(DemoTenants.CalmSlug, "manager"));
        using var acme = platform.ReportingApi(acmeToken);
        using var calm = platform.ReportingApi(calmToken);

        var acmeSignals = await Eventually.ReturnsAsync(() => SignalsAsync(acme),
            // Complete when the last chapters have reached reporting: risk-api's incidents, audit-api's access reviews.
            s => Patterns(s).Count == 4 && s.GetProperty("confidenceErosion").GetProperty("active").GetBoolean()
                && s.GetProperty("incidentTraceability").GetProperty("closed").GetInt32() == 4
                && s.GetProperty("accessReviews").GetProperty("decided").GetInt32() == 13
                && s.GetProperty("supplierGaps").GetProperty("suppliers").GetInt32() == 4
                && s.GetProperty("daysSinceManagementReview").ValueKind == JsonValueKind.Number,
            StoryTime, "Acme raises four patterns with confidence erosion");
        Assert.Equal(["AuditCentricGovernance", "DetachedRiskRegister", "PaperControls", "PermanentExceptions"], Patterns(acmeSignals).Order().ToList());
        Assert.True(acmeSignals.GetProperty("confidenceErosion").GetProperty("certificateValid").GetBoolean());
        var exceptions = acmeSignals.GetProperty("exceptions");
        Assert.Equal(2, exceptions.GetProperty("permanent").GetInt32());
        Assert.Equal(1, exceptions.GetProperty("expiredNotClosed").GetInt32());
        Assert.Equal(5, exceptions.GetProperty("open").GetInt32());
        Assert.True(acmeSignals.GetProperty("treatmentOverdue").GetProperty("overdueActions").GetInt32() >= 5);
        Assert.Equal(0.5, acmeSignals.GetProperty("incidentTraceability").GetProperty("rate").GetDouble());
        // The patching finding of every audit, and leavers' access twice: three of the year's six findings recur.
        var recurrence = acmeSignals.GetProperty("findingRecurrence");
        Assert.Equal((6, 3), (recurrence.GetProperty("findings").GetInt32(), recurrence.GetProperty("recurring").GetInt32()));
        var reviews = acmeSignals.GetProperty("accessReviews");
        Assert.Equal((2, 20, 1, 1), (reviews.GetProperty("campaigns").GetInt32(), reviews.GetProperty("items").GetInt32(),
            reviews.GetProperty("overdueCampaigns").GetInt32(), reviews.GetProperty("unverifiedRevocations").GetInt32()));
        var corrective = acmeSignals.GetProperty("correctiveActions");
        Assert.Equal((4, 3, 280), (corrective.GetProperty("open").GetInt32(), corrective.GetProperty("overdue").GetInt32(),
            corrective.GetProperty("maxOverdueDays").GetInt32()));
        // One management review, before certification; the next only planned.
        Assert.Equal(425, acmeSignals.GetProperty("daysSinceManagementReview").GetInt32());
        // Nimbus (assessment past its interval, SOC 2 expired), Relay Mail (never assessed), HelpDeskly and Parley (changed since).
        var gaps = acmeSignals.GetProperty("supplierGaps").GetProperty("byReason");
        Assert.Equal((2, 1, 2), (gaps.GetProperty("NoValidAssessment").GetInt32(), gaps.GetProperty("ExpiredCertificate").GetInt32(),
            gaps.GetProperty("UnassessedChange").GetInt32()));
        var auditCentric = PatternRecords(acmeSignals, "AuditCentricGovernance");
        Assert.Equal(2, auditCentric.Count); // the certification audit and the second internal audit started in the last year
        var paper = PatternRecords(acmeSignals, "PaperControls");
        Assert.Contains(paper, r => r.Label == "A.8.8" && r.Reason.Contains("recurring", StringComparison.OrdinalIgnoreCase));

        // Calm is complete when reporting has every part: its SoA decided and evidenced.
        var calmSignals = await Eventually.ReturnsAsync(() => SignalsAsync(calm),
            s => s.GetProperty("evidenceFreshness").GetProperty("undecided").GetInt32() == 0
                && s.GetProperty("evidenceFreshness").GetProperty("fresh").GetInt32() == 8
                && s.GetProperty("incidentTraceability").GetProperty("closed").GetInt32() == 1
                && s.GetProperty("accessReviews").GetProperty("decided").GetInt32() == 6
                && s.GetProperty("supplierGaps").GetProperty("suppliers").GetInt32() == 0
                && s.GetProperty("daysSinceManagementReview").ValueKind == JsonValueKind.Number,
            StoryTime, "Calm's story reaches reporting");
        Assert.Empty(Patterns(calmSignals));
        Assert.False(calmSignals.GetProperty("confidenceErosion").GetProperty("active").GetBoolean());
        Assert.Equal(0, calmSignals.GetProperty("exceptions").GetProperty("open").GetInt32());
        Assert.Equal(0, calmSignals.GetProperty("treatmentOverdue").GetProperty("overdueActions").GetInt32());
        Assert.Equal(1.0, calmSignals.GetProperty("incidentTraceability").GetProperty("rate").GetDouble());
        Assert.Equal((2, 0), (calmSignals.GetProperty("findingRecurrence").GetProperty("findings").GetInt32(),
            calmSignals.GetProperty("findingRecurrence").GetProperty("recurring").GetInt32()));
        Assert.Equal(1.0, calmSignals.GetProperty("accessReviews").GetProperty("completion").GetDouble());
        Assert.Equal(0, calmSignals.GetProperty("correctiveActions").GetProperty("open").GetInt32());
        Assert.Equal(45, calmSignals.GetProperty("daysSinceManagementReview").GetInt32());
        // Calm's suppliers are there, and supplier-api itself sees no gap in any of them.
        using (var calmSuppliers = platform.SupplierApi(calmToken))
        {
            var register = await calmSuppliers.GetAsync("/api/suppliers?pageSize=50").OkJson();
            var suppliers = register.GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(3, suppliers.Count);
            Assert.All(suppliers, supplier => Assert.Empty(supplier.GetProperty("gapReasons").EnumerateArray()));
        }

        // The public portals: a certificate valid today for scope version 1 and the SoA version 1 that risk-api
        // published before it, as the timeline has it.
        foreach (var slug in new[] { DemoTenants.AcmeSlug, DemoTenants.CalmSlug })
        {
            var tenant = await TenantAsync(slug);
            var issued = new DemoTimeline(DateOnly.FromDateTime(tenant.CreatedAt.UtcDateTime), DemoTenants.ScenarioOf(slug)!.Value).CertificateIssued;
            using var visitor = platform.Trust.CreateClient();
            var portal = await visitor.GetAsync($"/trust/{slug}/trust.json").OkJson();
            var certificate = Assert.Single(portal.GetProperty("certificates").EnumerateArray());
            Assert.Equal(("Valid", 1, 1, issued.ToString("yyyy-MM-dd")), (certificate.GetProperty("validity").GetString(), certificate.GetProperty("scopeVersionNumber").GetInt32(),
                certificate.GetProperty("soaVersionNumber").GetInt32(), certificate.GetProperty("issuedOn").GetString()));
            Assert.Equal(1, portal.GetProperty("statementOfApplicability").GetProperty("versionNumber").GetInt32());
        }

        // Run twice: the seed finds both tenants, and every service finds its part told when the tenant is announced again.
        var before = await CountsAsync(acmeToken, calmToken);
        await SeedDemoTenantsAsync();
        await AnnounceAgainAsync(DemoTenants.AcmeSlug);
        await AnnounceAgainAsync(DemoTenants.CalmSlug);
        Assert.Equal(before, await CountsAsync(acmeToken, calmToken));
    }

    private async Task SeedDemoTenantsAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Seed:DemoTenant"] = "true" }).Build();
        var seeder = ActivatorUtilities.CreateInstance<StartupSeeder>(platform.Identity.Services, (IConfiguration)configuration);
        await seeder.StartAsync(CancellationToken.None);
    }

    private async Task<string> SignInAsync(string email) => (await platform.Oidc().SignInAsync(email, DemoPassword)).AccessToken;

    private static Task<JsonElement> SignalsAsync(HttpClient reporting) => reporting.GetAsync("/api/reporting/signals").OkJson();

    private static List<string> Patterns(JsonElement signals) =>
        signals.GetProperty("patterns").EnumerateArray().Select(p => p.GetProperty("kind").GetString()!).ToList();

    private static List<(string Label, string Reason)> PatternRecords(JsonElement signals, string kind) =>
        signals.GetProperty("patterns").EnumerateArray().Single(p => p.GetProperty("kind").GetString() == kind)
            .GetProperty("records").EnumerateArray().Select(r => (r.GetProperty("label").GetString()!, r.GetProperty("reason").GetString()!)).ToList();

    /// <summary>
    /// Publishes the tenant's onboarding again, as a redelivery would, and waits until every service's story consumer
    /// has seen it (its inbox row).
    /// </summary>
    private async Task AnnounceAgainAsync(string slug)
    {
        var tenant = await TenantAsync(slug);
        var messageId = NewId.NextGuid();
        await platform.Identity.Services.GetRequiredService<IBus>().Publish(
            new TenantOnboarded(tenant.Id, tenant.Name, tenant.Slug, DemoTenants.Member(slug, "admin"), tenant.CreatedAt), c => c.MessageId = messageId);
        foreach (var services in StoryServices())
        {
            await Eventually.ReturnsAsync(async () =>
            {
                await using var serviceScope = services.CreateAsyncScope();
                var db = serviceScope.ServiceProvider.GetRequiredService<ServiceDbContext>();
                return await db.InboxMessages.AnyAsync(m => m.MessageId == messageId && m.Consumer == nameof(DemoStoryConsumer));
            }, seen => seen, TimeSpan.FromSeconds(60), $"every story consumer sees the second announcement of {slug}");
        }
    }

    private async Task<IsmsCloud.Identity.Tenants.Tenant> TenantAsync(string slug)
    {
        await using var scope = platform.Identity.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().Tenants.AsNoTracking().SingleAsync(t => t.Slug == slug);
    }

    private IEnumerable<IServiceProvider> StoryServices() => [platform.Risk.Services, platform.Audit.Services, platform.Suppliers.Services, platform.Reporting.Services, platform.Trust.Services];

    /// <summary>What each tenant's members see of their stories, register by register.</summary>
    private async Task<string> CountsAsync(params string[] tokens)
    {
        var registers = new (Func<string, HttpClient> Api, string Path)[]
        {
            (platform.RiskApi, "/api/risk/risks"), (platform.RiskApi, "/api/risk/assets"), (platform.RiskApi, "/api/risk/actions"),
            (platform.RiskApi, "/api/risk/exceptions"), (platform.RiskApi, "/api/risk/incidents"), (platform.RiskApi, "/api/risk/evidence"),
            (platform.AuditApi, "/api/audit/audits"), (platform.AuditApi, "/api/audit/findings"), (platform.AuditApi, "/api/audit/corrective-actions"),
            (platform.AuditApi, "/api/audit/access-reviews"), (platform.SupplierApi, "/api/suppliers"),
            (platform.ReportingApi, "/api/reporting/management-reviews"), (platform.TrustApi, "/api/trust/certificates"),
        };
        var counts = new List<string>();
        foreach (var token in tokens)
        {
            foreach (var (api, path) in registers)
            {
                using var client = api(token);
                var page = await client.GetAsync($"{path}?pageSize=1").OkJson();
                counts.Add($"{path}={page.GetProperty("totalCount").GetInt32()}");
            }
        }

        return string.Join(", ", counts);
    }
}
