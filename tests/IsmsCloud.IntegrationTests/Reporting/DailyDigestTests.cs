using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Net.Sockets;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Contracts;
using IsmsCloud.IntegrationTests.AuditProgramme;
using IsmsCloud.IntegrationTests.Risk;
using IsmsCloud.IntegrationTests.Suppliers;
using IsmsCloud.Reporting.Digest;
using IsmsCloud.Reporting.Facts;
using IsmsCloud.Reporting.Infrastructure;
using IsmsCloud.Reporting.Signals;
using IsmsCloud.Testing;
using MailKit.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace IsmsCloud.IntegrationTests.Reporting;

/// <summary>
/// The daily digest: each active member with something overdue or due soon gets one mail a day listing it, with links
/// into the workspace, over a real SMTP exchange, and only their own items; a mail that fails is not recorded and goes out at the next run; a second run the same day sends nothing.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class DailyDigestTests(PlatformFixture platform)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private sealed class Inbox : MessageStore
    {
        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private DailyDigest Digest(int smtpPort)
    {
        var options = Options.Create(new DigestOptions
        {
            SendFromHourUtc = 0, WorkspaceUrl = new Uri("https://isms.example/"),
            Smtp = new DigestSmtpOptions { Host = "127.0.0.1", Port = smtpPort, Security = SecureSocketOptions.None, From = "IsmsCloud <digest@isms.example>" },
        });
        var services = platform.Reporting.Services;
        return new DailyDigest(services.GetRequiredService<IServiceScopeFactory>(), services.GetRequiredService<TenantFactsCache>(),
            new SmtpDigestSender(options), platform.ReportingClock, options, services.GetRequiredService<ILogger<DailyDigest>>());
    }

    /// <summary>Runs <paramref name="run"/> while a real SMTP server on <paramref name="port"/> keeps every mail it is given.</summary>
    private static async Task WithSmtpServerAsync(int port, Func<Inbox, Task> run)
    {
        var inbox = new Inbox();
        var provider = new SmtpServer.ComponentModel.ServiceProvider();
        provider.Add(inbox);
        using var stop = new CancellationTokenSource();
        var server = new SmtpServer.SmtpServer(new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build(), provider);
        var serving = server.StartAsync(stop.Token);
        try
        {
            await run(inbox);
        }
        finally
        {
            await stop.CancelAsync();
            await serving.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Runs the tenant's digest against the SMTP server on <paramref name="port"/>; every mail by its recipient, which must be exactly <paramref name="expected"/> of them.</summary>
    private async Task<Dictionary<string, MimeMessage>> MailedAsync(int port, Inbox inbox, Guid tenantId, int expected)
    {
        var sent = await Digest(port).RunForTenantAsync(tenantId, CancellationToken.None);
        var mails = inbox.Messages.ToDictionary(m => m.To.Mailboxes.Single().Address);
        Assert.True(sent == expected && mails.Count == expected,
            $"{sent} sent, to {string.Join(", ", mails.Keys)}: {string.Join(" | ", inbox.Messages.Select(m => m.TextBody))}");
        return mails;
    }

    private async Task<int> CountAsync(Guid tenantId, Func<ReportingDbContext, Task<int>> count)
    {
        await using var scope = platform.Reporting.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        return await count(scope.ServiceProvider.GetRequiredService<ReportingDbContext>());
    }

    [Fact]
    public async Task Each_active_member_gets_one_mail_a_day_listing_what_is_theirs_overdue_and_due_soon()
    {
        var tenant = await platform.OnboardTenantAsync("digest");
        var other = await platform.OnboardTenantAsync("digest-b");
        var ownerEmail = $"owner@{tenant.Slug}.example";
        await platform.AddMemberAsync(tenant, IsmsRoles.RiskOwner, ownerEmail);
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        var r = await risk.CreateRiskAsync("Unpatched VPN appliance", likelihood: 5, impact: 4, owner: ownerEmail);
        foreach (var (title, owner, due) in new[]
        {
            ("Apply the vendor patch", ownerEmail, Today.AddDays(-5)),
            ("Rotate the VPN keys", ownerEmail, Today.AddDays(3)),
            ("Replace the appliance", ownerEmail, Today.AddDays(40)),
            ("Tell the on-call team", RiskApiClient.OpsOwner, Today.AddDays(-1)),
        })
        {
            await risk.PostAsJsonAsync($"/api/risk/risks/{r.Id()}/actions", new { title, owner, dueOn = due }).OkJson(HttpStatusCode.Created);
        }

        var control = (await risk.ControlsAsync()).Single(c => c.GetProperty("reference").GetString() == "A.8.13");
        await risk.PutAsJsonAsync($"/api/risk/controls/{control.Id()}", RiskTestKit.Control(true, "Backups protect customer data", owner: tenant.AdminEmail, cadence: 30)).OkJson();

        // Reporting has the facts: the four actions, the control's owner, and every member (the admin, the owner, the colleagues).
        await Eventually.ReturnsAsync(() => CountAsync(tenant.TenantId, async db =>
                await db.Facts.CountAsync(f => f.Kind == FactKind.TreatmentAction) == 4
                && await db.Facts.CountAsync(f => f.Kind == FactKind.Member) >= PlatformFixture.Colleagues.Length + 2
                && await db.Facts.CountAsync(f => f.Kind == FactKind.Control && f.RecordId == control.Id() && f.Data.Contains(tenant.AdminEmail)) >= 1 ? 1 : 0),
            n => n == 1, TimeSpan.FromSeconds(60), "the actions, the control and the members reach reporting");

        // No SMTP server yet: nothing is recorded as delivered, so nothing is lost.
        var port = FreePort();
        Assert.Equal(0, await Digest(port).RunForTenantAsync(tenant.TenantId, CancellationToken.None));
        Assert.Equal(0, await CountAsync(tenant.TenantId, db => db.DigestDeliveries.CountAsync()));

        await WithSmtpServerAsync(port, async inbox =>
        {
            var mails = await MailedAsync(port, inbox, tenant.TenantId, expected: 3);

            var toOwner = mails[ownerEmail];
            Assert.Equal($"IsmsCloud: 1 overdue, 1 due soon ({Today:yyyy-MM-dd})", toOwner.Subject);
            Assert.Contains("Treatment action: Apply the vendor patch (overdue by 5 days)", toOwner.TextBody, StringComparison.Ordinal);
            Assert.Contains($"https://isms.example/risks/{r.Id()}", toOwner.TextBody, StringComparison.Ordinal);
            Assert.Contains($"Treatment action: Rotate the VPN keys (due in 3 days ({Today.AddDays(3):yyyy-MM-dd}))", toOwner.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("Replace the appliance", toOwner.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("Tell the on-call team", toOwner.TextBody, StringComparison.Ordinal);
            Assert.Contains("https://isms.example/my-work", toOwner.TextBody, StringComparison.Ordinal);

            // Each owner gets only their own: the on-call owner's one overdue action.
            var toOps = mails[RiskApiClient.OpsOwner];
            Assert.Equal($"IsmsCloud: 1 overdue, 0 due soon ({Today:yyyy-MM-dd})", toOps.Subject);
            Assert.Contains("Tell the on-call team (overdue by 1 day)", toOps.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("Apply the vendor patch", toOps.TextBody, StringComparison.Ordinal);

            var toAdmin = mails[tenant.AdminEmail.ToLowerInvariant()];
            Assert.Equal($"IsmsCloud: 1 due within 14 days ({Today:yyyy-MM-dd})", toAdmin.Subject);
            Assert.Contains("Evidence: A.8.13 Information backup (due today)", toAdmin.TextBody, StringComparison.Ordinal);
            Assert.Contains($"https://isms.example/soa/controls/{control.Id()}", toAdmin.TextBody, StringComparison.Ordinal);
            Assert.Contains(platform.Reporting.Logs.Entries, e => e.Contains($"Daily digest for {ownerEmail}", StringComparison.Ordinal) && e.Contains("mailed", StringComparison.Ordinal));

            // Once a day: the second run sends nothing; the other tenant's members got nothing of this.
            Assert.Equal(0, await Digest(port).RunForTenantAsync(tenant.TenantId, CancellationToken.None));
            Assert.Equal(3, inbox.Messages.Count);
            Assert.Equal(3, await CountAsync(tenant.TenantId, db => db.DigestDeliveries.CountAsync(d => d.Mailed && d.Day == Today)));
            Assert.Equal(0, await Digest(port).RunForTenantAsync(other.TenantId, CancellationToken.None));
            Assert.Equal(0, await CountAsync(other.TenantId, db => db.DigestDeliveries.CountAsync()));
        });
    }

    [Fact]
    public async Task Reviews_access_reviews_and_answered_questionnaires_reach_the_people_who_decide_them()
    {
        var tenant = await platform.SupplierTenantAsync("digest-decide");
        var owner = RiskApiClient.Owner;
        var reviewer = RiskApiClient.OtherOwner;

        // risk-api: an AI asset opens a review on the risk that links it (rule 13); the risk is the owner's.
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        var ai = await risk.PostAsJsonAsync("/api/risk/assets", new
        {
            name = "Support chatbot", type = "AiSystem", classification = "Confidential", owner, aiModelProvider = "Example AI",
        }).OkJson(HttpStatusCode.Created);
        var r = await risk.PostAsJsonAsync("/api/risk/risks", new
        {
            title = "Chatbot leaks tickets", owner, inherentLikelihood = 3, inherentImpact = 4, residualLikelihood = 3, residualImpact = 4, assetIds = new[] { ai.Id() },
        }).OkJson(HttpStatusCode.Created);

        // audit-api: an open campaign the other member reviews, due in 5 days.
        using var audit = platform.AuditApi(tenant.Tokens.AccessToken);
        var created = (await audit.PostAsJsonAsync("/api/audit/access-reviews", new { system = "GitHub", title = "GitHub review", reviewers = new[] { reviewer }, dueOn = Today.AddDays(5) })
            .OkJson(HttpStatusCode.Created)).GetProperty("campaign");
        await audit.PostAsync($"/api/audit/access-reviews/{created.Id()}/items/import", AuditProgrammeApiClient.Csv("user,account\nA,acct-1\nB,acct-2\n")).OkJson();
        var campaign = (await audit.GetFromJsonAsync<JsonElement>($"/api/audit/access-reviews/{created.Id()}")).GetProperty("campaign");
        await audit.PostAsJsonAsync($"/api/audit/access-reviews/{created.Id()}/open", new { version = campaign.Version() }).OkJson();

        // supplier-api: the admin sends a questionnaire about the owner's supplier, and the supplier answers it.
        using var suppliers = platform.SupplierApi(tenant.Tokens.AccessToken);
        var supplier = await suppliers.PostAsJsonAsync("/api/suppliers", SupplierApiClient.SupplierBody("Northwind Hosting", owner: owner)).OkJson(HttpStatusCode.Created);
        var template = await suppliers.PostAsJsonAsync("/api/suppliers/questionnaire-templates", new
        {
            name = "Security questionnaire", questions = new[] { new { id = "hosting", text = "Where is our data hosted?", type = "Text", required = true } },
        }).OkJson(HttpStatusCode.Created);
        var sent = await suppliers.PostAsJsonAsync($"/api/suppliers/{supplier.Id()}/questionnaires", new { templateId = template.Id(), contactEmail = "security@northwind.example" })
            .OkJson(HttpStatusCode.Created);
        using (var visitor = platform.Suppliers.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }))
        {
            var traded = await visitor.GetAsync(sent.GetProperty("linkPath").GetString());
            Assert.Equal(HttpStatusCode.SeeOther, traded.StatusCode);
            using var answers = new MultipartFormDataContent { { new StringContent("submit"), "action" }, { new StringContent("EU"), "q_hosting" } };
            Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsync(traded.Headers.Location, answers)).StatusCode);
        }

        Task FactsArriveAsync(string because) => Eventually.ReturnsAsync(() => CountAsync(tenant.TenantId, async db =>
                await db.Facts.CountAsync(f => f.Kind == FactKind.ReviewTask) == 1
                && await db.Facts.AnyAsync(f => f.Kind == FactKind.AccessReview && f.Data.Contains(reviewer) && f.Data.Contains("\"Open\""))
                && await db.Facts.AnyAsync(f => f.Kind == FactKind.Questionnaire && f.Data.Contains("\"Submitted\""))
                && await db.Facts.AnyAsync(f => f.Kind == FactKind.Supplier && f.Data.Contains(owner))
                && await db.Facts.CountAsync(f => f.Kind == FactKind.Risk) == 1 ? 1 : 0),
            n => n == 1, TimeSpan.FromSeconds(60), because);
        await FactsArriveAsync("the review task, the open campaign, the answered questionnaire, the supplier and the risk reach reporting");

        var port = FreePort();
        await WithSmtpServerAsync(port, async inbox =>
        {
            var mails = await MailedAsync(port, inbox, tenant.TenantId, expected: 3);

            // The risk's owner: the review on their risk, and the answers on their supplier; nothing dated, so only "to decide".
            var toOwner = mails[owner];
            Assert.Equal($"IsmsCloud: 2 to decide ({Today:yyyy-MM-dd})", toOwner.Subject);
            Assert.Contains("To decide", toOwner.TextBody, StringComparison.Ordinal);
            Assert.Contains($"Risk review: Chatbot leaks tickets (AI system: Support chatbot) (waiting since {Today:yyyy-MM-dd})", toOwner.TextBody, StringComparison.Ordinal);
            Assert.Contains($"https://isms.example/risks/{r.Id()}", toOwner.TextBody, StringComparison.Ordinal);
            Assert.Contains($"Questionnaire to review: Northwind Hosting: Security questionnaire (waiting since {Today:yyyy-MM-dd})", toOwner.TextBody, StringComparison.Ordinal);
            Assert.Contains($"https://isms.example/suppliers/{supplier.Id()}", toOwner.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("GitHub", toOwner.TextBody, StringComparison.Ordinal);

            // The campaign's reviewer: the access review, with its due date.
            var toReviewer = mails[reviewer];
            Assert.Equal($"IsmsCloud: 1 due within 14 days ({Today:yyyy-MM-dd})", toReviewer.Subject);
            Assert.Contains($"Access review: GitHub review (GitHub) (due in 5 days ({Today.AddDays(5):yyyy-MM-dd}))", toReviewer.TextBody, StringComparison.Ordinal);
            Assert.Contains($"https://isms.example/access-reviews/{created.Id()}", toReviewer.TextBody, StringComparison.Ordinal);

            // Whoever sent the questionnaire follows it too.
            var toAdmin = mails[tenant.AdminEmail.ToLowerInvariant()];
            Assert.Contains("Questionnaire to review: Northwind Hosting: Security questionnaire", toAdmin.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("Risk review", toAdmin.TextBody, StringComparison.Ordinal);
        });

        // A tenant from before these events: with their facts gone, each service's republish brings them back.
        await using (var scope = platform.Reporting.Services.CreateAsyncScope())
        {
            FactKind[] kinds = [FactKind.ReviewTask, FactKind.AccessReview, FactKind.Questionnaire, FactKind.Supplier];
            await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().Facts.IgnoreQueryFilters()
                .Where(f => f.TenantId == tenant.TenantId && kinds.Contains(f.Kind)).ExecuteDeleteAsync();
        }

        using var reporting = platform.ReportingApi(tenant.Tokens.AccessToken);
        await reporting.PostAsync("/api/reporting/signals/republish", null).OkJson(HttpStatusCode.Accepted);
        await FactsArriveAsync("risk-api, audit-api and supplier-api republish the review task, the campaign, the questionnaire and the supplier");
    }
}
