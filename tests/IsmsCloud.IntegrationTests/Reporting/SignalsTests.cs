using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.Contracts.Events;
using IsmsCloud.IntegrationTests.Risk;
using IsmsCloud.Reporting.Facts;
using IsmsCloud.Reporting.Infrastructure;
using IsmsCloud.Reporting.Signals;
using IsmsCloud.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IsmsCloud.IntegrationTests.Reporting;

/// <summary>The signals as reporting computes them from risk-api's events (SIGNALS.md), end to end on the real broker.</summary>
[Collection(PlatformCollection.Name)]
public sealed class SignalsTests(PlatformFixture platform)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static Task<JsonElement> SignalsAsync(HttpClient reporting, string query = "") => reporting.GetAsync($"/api/reporting/signals{query}").OkJson();

    /// <summary>Waits until the figures satisfy the condition: events reach reporting asynchronously.</summary>
    private static Task<JsonElement> SignalsWhenAsync(HttpClient reporting, Func<JsonElement, bool> condition, string because) =>
        Eventually.ReturnsAsync(() => SignalsAsync(reporting), condition, because: because);

    [Fact]
    public async Task A_clean_tenant_raises_no_pattern_and_counts_its_93_undecided_controls()
    {
        var tenant = await platform.OnboardTenantAsync();
        using var reporting = platform.ReportingApi(tenant.Tokens.AccessToken);

        var signals = await SignalsWhenAsync(reporting, s => s.GetProperty("evidenceFreshness").GetProperty("undecided").GetInt32() == 93,
            "the seeded SoA is announced control by control");

        Assert.Equal("live", signals.GetProperty("source").GetString());
        Assert.Equal(Today.ToString("yyyy-MM-dd"), signals.GetProperty("asOf").GetString());
        Assert.Equal(1, signals.GetProperty("definitionVersion").GetInt32());
        Assert.Empty(signals.GetProperty("patterns").EnumerateArray());
        Assert.Equal(0, signals.GetProperty("exceptions").GetProperty("open").GetInt32());
        Assert.Equal(JsonValueKind.Null, signals.GetProperty("treatmentOverdue").GetProperty("medianDays").ValueKind);
        Assert.Equal(JsonValueKind.Null, signals.GetProperty("incidentTraceability").GetProperty("rate").ValueKind);
        Assert.Equal(0, signals.GetProperty("evidenceFreshness").GetProperty("controls").GetInt32());
        Assert.Equal(0, signals.GetProperty("supplierGaps").GetProperty("byReason").GetProperty("NoValidAssessment").GetInt32());
        Assert.Equal(0, signals.GetProperty("exceptions").GetProperty("byAge").GetProperty(">180").GetInt32());
        Assert.False(signals.GetProperty("confidenceErosion").GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task An_overdue_action_and_stale_evidence_show_with_their_records_for_their_tenant_only()
    {
        var tenant = await platform.OnboardTenantAsync();
        var other = await platform.OnboardTenantAsync();
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        using var reporting = platform.ReportingApi(tenant.Tokens.AccessToken);
        using var otherReporting = platform.ReportingApi(other.Tokens.AccessToken);
        var r = await risk.CreateRiskAsync("Unpatched VPN appliance", likelihood: 5, impact: 4);
        var action = await risk.PostAsJsonAsync($"/api/risk/risks/{r.Id()}/actions",
            new { title = "Apply vendor patch", owner = RiskApiClient.OpsOwner, dueOn = Today.AddDays(-5) }).OkJson(HttpStatusCode.Created);
        await risk.PostAsJsonAsync($"/api/risk/risks/{r.Id()}/actions",
            new { title = "Train the on-call team", owner = RiskApiClient.OpsOwner, dueOn = Today.AddDays(-2) }).OkJson(HttpStatusCode.Created);
        var control = (await risk.ControlsAsync()).Single(c => c.GetProperty("reference").GetString() == "A.8.13");
        await risk.PutAsJsonAsync($"/api/risk/controls/{control.Id()}", RiskTestKit.Control(true, "Backups protect customer data", cadence: 30)).OkJson();
        await risk.PostAsJsonAsync($"/api/risk/controls/{control.Id()}/evidence",
            new { title = "Restore test Q2", coversFrom = Today.AddDays(-120), coversTo = Today.AddDays(-90) }).OkJson(HttpStatusCode.Created);

        var signals = await SignalsWhenAsync(reporting, s => s.GetProperty("treatmentOverdue").GetProperty("overdueActions").GetInt32() == 2
            && s.GetProperty("evidenceFreshness").GetProperty("stale").GetInt32() == 1, "the actions and the evidence reach reporting");

        var overdue = signals.GetProperty("treatmentOverdue");
        Assert.Equal(1, overdue.GetProperty("overdueRisks").GetInt32());
        Assert.Equal(5.0, overdue.GetProperty("medianDays").GetDouble());
        Assert.Equal(5, overdue.GetProperty("maxDays").GetInt32());
        Assert.Equal(1, overdue.GetProperty("byBand").GetProperty("Critical").GetInt32());
        // The control is Implemented (the kit's default) with stale evidence: a paper control.
        var paper = Assert.Single(signals.GetProperty("patterns").EnumerateArray(), p => p.GetProperty("kind").GetString() == "PaperControls");
        Assert.Equal("A.8.13", Assert.Single(paper.GetProperty("records").EnumerateArray()).GetProperty("label").GetString());

        var records = await reporting.GetAsync("/api/reporting/signals/treatmentOverdue/records").OkJson();
        var first = records.EnumerateArray().First();
        Assert.Equal(action.Id(), first.GetProperty("id").GetGuid());
        Assert.Equal(5, first.GetProperty("days").GetInt32());
        Assert.Equal(RiskApiClient.OpsOwner, first.GetProperty("owner").GetString());

        var ofOther = await SignalsAsync(otherReporting);
        Assert.Equal(0, ofOther.GetProperty("treatmentOverdue").GetProperty("overdueActions").GetInt32());
        Assert.Empty((await otherReporting.GetAsync("/api/reporting/signals/treatmentOverdue/records").OkJson()).EnumerateArray());
        var otherCsv = await (await otherReporting.GetAsync("/api/reporting/signals/treatmentOverdue/records.csv")).Content.ReadAsStringAsync();
        Assert.Equal("type,id,label,reason,owner,days", otherCsv.Trim());
        var otherTrend = await otherReporting.GetAsync($"/api/reporting/signals/trend?from={Today.AddDays(-1):yyyy-MM-dd}").OkJson();
        Assert.All(otherTrend.EnumerateArray(), d => Assert.Equal(0, d.GetProperty("treatmentOverdue").GetProperty("overdueActions").GetInt32()));

        // A forecast: in 10 days both actions are 15 and 12 days overdue; the stored facts say nothing will change.
        var forecast = await SignalsAsync(reporting, $"?asOf={Today.AddDays(10):yyyy-MM-dd}");
        Assert.Equal("live", forecast.GetProperty("source").GetString());
        Assert.Equal(15, forecast.GetProperty("treatmentOverdue").GetProperty("maxDays").GetInt32());

        // Deleting the risk takes its actions out of the figures.
        await risk.DeleteAsync($"/api/risk/risks/{r.Id()}").OkJson(HttpStatusCode.NoContent);
        await SignalsWhenAsync(reporting, s => s.GetProperty("treatmentOverdue").GetProperty("overdueActions").GetInt32() == 0, "a deleted risk leaves the figures");
    }

    [Fact]
    public async Task Events_delivered_twice_or_out_of_order_move_the_figures_once_and_only_forward()
    {
        var tenant = await platform.OnboardTenantAsync();
        using var reporting = platform.ReportingApi(tenant.Tokens.AccessToken);
        var bus = platform.Risk.Services.GetRequiredService<IBus>();
        var riskId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        RiskAssessed Version(long version, string band, string? decision) => new(tenant.TenantId, riskId, "Replayed risk", RiskApiClient.Owner, 4, 4, 16,
            band, version == 0, now.AddMinutes(version), Decision: decision, Version: version, LastAssessedAt: now);
        var actionId = Guid.NewGuid();
        var action = new TreatmentActionChanged(tenant.TenantId, actionId, riskId, "Replayed action", RiskApiClient.Owner, Today.AddDays(-3), "Planned", true,
            "High", null, false, now, Version: 0);

        // The newer version first and stored; then the older one (late), the newer one again and the action twice.
        var messageIds = new List<Guid>();
        async Task PublishAsync<T>(T message) where T : class
        {
            var id = NewId.NextGuid();
            messageIds.Add(id);
            await bus.Publish(message, context => context.MessageId = id);
        }

        await PublishAsync(Version(1, "High", "Treat"));
        await Eventually.ReturnsAsync(() => FactsOfAsync(tenant.TenantId, FactKind.Risk, riskId), f => f.Count == 1, because: "version 1 arrives");
        await PublishAsync(Version(0, "Low", null));
        await PublishAsync(Version(1, "High", "Treat"));
        await PublishAsync(action);
        await PublishAsync(action with { });

        await Eventually.ReturnsAsync(() => HandledAsync(messageIds), n => n == messageIds.Count, because: "every delivery is handled, once");
        var riskVersions = await FactsOfAsync(tenant.TenantId, FactKind.Risk, riskId);
        var actionVersions = await FactsOfAsync(tenant.TenantId, FactKind.TreatmentAction, actionId);

        Assert.Equal([1L], riskVersions.Select(f => f.Version)); // the older version came late and was not applied
        Assert.Single(actionVersions);
        var signals = await SignalsAsync(reporting);
        Assert.Equal(1, signals.GetProperty("treatmentOverdue").GetProperty("byBand").GetProperty("High").GetInt32());
    }

    [Fact]
    public async Task A_past_day_is_served_from_its_snapshot_which_equals_its_recomputation_and_the_trend_reads_both()
    {
        var tenant = await platform.OnboardTenantAsync();
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        using var reporting = platform.ReportingApi(tenant.Tokens.AccessToken);
        var r = await risk.CreateRiskAsync("Laptop theft", likelihood: 4, impact: 4);
        await risk.PostAsJsonAsync($"/api/risk/risks/{r.Id()}/actions",
            new { title = "Encrypt disks", owner = RiskApiClient.OpsOwner, dueOn = Today.AddDays(-1) }).OkJson(HttpStatusCode.Created);
        await SignalsWhenAsync(reporting, s => s.GetProperty("treatmentOverdue").GetProperty("overdueActions").GetInt32() == 1, "the action reaches reporting");
        var today = Today;

        try
        {
            // The next day: the job takes today's snapshot (the day that just ended).
            platform.ReportingClock.Offset = today.AddDays(1).StartOfUtcDay() - DateTimeOffset.UtcNow + TimeSpan.FromMinutes(5);
            await platform.Reporting.Services.GetRequiredService<SignalsJobs>().TakeSnapshotsAsync(CancellationToken.None);

            await using var scope = platform.Reporting.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant.TenantId);
            var signals = scope.ServiceProvider.GetRequiredService<SignalsService>();
            var snapshot = await signals.FiguresAsync(today, CancellationToken.None);
            var recomputed = await signals.RecomputedAsync(today, CancellationToken.None);

            Assert.Equal(SignalSources.Snapshot, snapshot.Source);
            Assert.Equal(SignalSources.Recomputed, recomputed.Source);
            Assert.Equal(Json(recomputed with { Source = "" }), Json(snapshot with { Source = "" }));
            Assert.Equal(1, snapshot.TreatmentOverdue.MaxDays); // as of that day, due the day before

            var trend = await signals.TrendAsync(today.AddDays(-1), today.AddDays(1), CancellationToken.None);
            Assert.Equal([SignalSources.Recomputed, SignalSources.Snapshot, SignalSources.Live], trend.Select(d => d.Source));
            Assert.Equal([0, 1, 1], trend.Select(d => d.TreatmentOverdue.OverdueActions)); // the action did not exist the day before
            Assert.Equal([null, 1, 2], trend.Select(d => d.TreatmentOverdue.MaxDays));

            // Taken once: a second run keeps the first.
            Assert.Equal(0, await platform.Reporting.Services.GetRequiredService<SignalsJobs>().TakeSnapshotsAsync(CancellationToken.None));
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().SignalSnapshots.CountAsync(s => s.Day == today));
        }
        finally
        {
            platform.ReportingClock.Offset = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task A_tenant_reporting_knows_nothing_of_is_backfilled_from_the_services_and_a_repeated_request_changes_nothing()
    {
        var tenant = await platform.OnboardTenantAsync();
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        using var reporting = platform.ReportingApi(tenant.Tokens.AccessToken);
        var r = await risk.CreateRiskAsync("Shared admin password", likelihood: 4, impact: 3);
        await risk.PostAsJsonAsync($"/api/risk/risks/{r.Id()}/actions",
            new { title = "Rotate and vault it", owner = RiskApiClient.OpsOwner, dueOn = Today.AddDays(-4) }).OkJson(HttpStatusCode.Created);
        var before = await SignalsWhenAsync(reporting, s => s.GetProperty("treatmentOverdue").GetProperty("overdueActions").GetInt32() == 1
            && s.GetProperty("evidenceFreshness").GetProperty("undecided").GetInt32() == 93, "the tenant is followed from its onboarding");

        // As if reporting had been deployed after the tenant existed: no facts, not followed.
        await using (var scope = platform.Reporting.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
            await db.Facts.IgnoreQueryFilters().Where(f => f.TenantId == tenant.TenantId).ExecuteDeleteAsync();
            await db.TenantFactSources.IgnoreQueryFilters().Where(f => f.TenantId == tenant.TenantId).ExecuteDeleteAsync();
        }

        // The signals job finds the tenant unknown and asks the services for its state (called here too, so the test
        // does not wait for the job's next round).
        await platform.Reporting.Services.GetRequiredService<Backfill>().RequestForUnknownTenantsAsync(CancellationToken.None);
        var after = await SignalsWhenAsync(reporting, s => s.GetProperty("treatmentOverdue").GetProperty("overdueActions").GetInt32() == 1
            && s.GetProperty("evidenceFreshness").GetProperty("undecided").GetInt32() == 93, "risk-api republishes the tenant's records");
        await Eventually.ReturnsAsync(() => FactCountAsync(tenant.TenantId, FactKind.Member), n => n >= 4, because: "identity republishes the members");

        Assert.Equal(before.ToString(), after.ToString());
        var factsAfterBackfill = await FactCountAsync(tenant.TenantId, null);

        await reporting.PostAsync("/api/reporting/signals/republish", null).OkJson(HttpStatusCode.Accepted);
        var republished = await Eventually.ReturnsAsync(() => RiskAssessedOutboxIdsAsync(r.Id()), ids => ids.Count >= 3,
            because: "risk-api republishes on request too (created, backfilled, requested)");
        await Eventually.ReturnsAsync(() => HandledAsync(republished), n => n == republished.Count, because: "reporting handles the republished risk");

        Assert.Equal(factsAfterBackfill, await FactCountAsync(tenant.TenantId, null)); // versions held: nothing new
        using var viewer = platform.ReportingApi((await platform.AddMemberAsync(tenant, Contracts.IsmsRoles.Viewer)).AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/reporting/signals/republish", null)).StatusCode);
    }

    [Fact]
    public async Task Findings_raised_in_audit_api_make_the_recurrence_signal_and_the_audits_count_for_governance()
    {
        var tenant = await platform.OnboardTenantAsync("sigaudit");
        using var audit = platform.AuditApi(tenant.Tokens.AccessToken);
        using var reporting = platform.ReportingApi(tenant.Tokens.AccessToken);
        var lastYear = await AuditProgramme.AuditProgrammeApiClient.RunAuditAsync(audit, "Internal audit last year", Today.AddDays(-370), Today.AddDays(-368), auditor: tenant.AdminEmail);
        await AuditProgramme.AuditProgrammeApiClient.RaiseAsync(audit, lastYear.Id(), "A.8.8", raisedOn: Today.AddDays(-369));
        var thisYear = await AuditProgramme.AuditProgrammeApiClient.RunAuditAsync(audit, "Internal audit this year", Today.AddDays(-1), auditor: tenant.AdminEmail);
        var again = await AuditProgramme.AuditProgrammeApiClient.RaiseAsync(audit, thisYear.Id(), "A.8.8");
        await AuditProgramme.AuditProgrammeApiClient.RaiseAsync(audit, thisYear.Id(), "9.2.2", kind: "OpportunityForImprovement");

        // Of this year's findings (the earlier one was raised 369 days ago; the OFI does not count), one recurs.
        var signals = await SignalsWhenAsync(reporting, s => s.GetProperty("findingRecurrence").GetProperty("recurring").GetInt32() == 1,
            "audit-api's findings reach reporting");
        Assert.Equal(1, signals.GetProperty("findingRecurrence").GetProperty("findings").GetInt32());
        Assert.Equal(1.0, signals.GetProperty("findingRecurrence").GetProperty("rate").GetDouble());
        var records = await reporting.GetAsync("/api/reporting/signals/findingRecurrence/records").OkJson();
        Assert.Equal(again.GetProperty("finding").Id(), records.EnumerateArray().First().GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Audit_events_delivered_twice_or_out_of_order_move_findings_and_corrective_actions_once_and_only_forward()
    {
        var tenant = await platform.OnboardTenantAsync("sigorder");
        using var reporting = platform.ReportingApi(tenant.Tokens.AccessToken);
        var bus = platform.Reporting.Services.GetRequiredService<IBus>();
        var (auditId, findingId, actionId) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var now = DateTimeOffset.UtcNow;
        var raised = new FindingRaised(tenant.TenantId, findingId, auditId, "MinorNonconformity", "A.5.15", null, "Open", Today.AddDays(-10), false, now.AddDays(-10), 1);
        CorrectiveActionChanged Action(long version, string status, bool open, DateOnly due) =>
            new(tenant.TenantId, actionId, findingId, "Tighten access reviews", RiskApiClient.OpsOwner, due, status, open, open ? null : Today, null, null, now.AddMinutes(version), version);

        // The same message twice (the inbox), and the same version under a new message id (the versions).
        var messageId = Guid.NewGuid();
        await bus.Publish(raised, c => c.MessageId = messageId);
        await bus.Publish(raised, c => c.MessageId = messageId);
        await bus.Publish(raised);
        await bus.Publish(Action(2, "InProgress", true, Today.AddDays(-4)));
        await Eventually.ReturnsAsync(() => FactsOfAsync(tenant.TenantId, FactKind.CorrectiveAction, actionId), f => f.Count == 1, because: "version 2 is stored");
        // Older, arriving late (after version 2 was stored: events racing in at once may both be stored, each newer than what was held).
        var older = Guid.NewGuid();
        await bus.Publish(Action(1, "Planned", true, Today.AddDays(30)), c => c.MessageId = older);
        await bus.Publish(Action(2, "InProgress", true, Today.AddDays(-4)));
        await Eventually.ReturnsAsync(() => InboxHasAsync(older, nameof(CorrectiveActionFactConsumer)), handled => handled, because: "the late version 1 is handled");

        var signals = await SignalsWhenAsync(reporting, s => s.GetProperty("findingRecurrence").GetProperty("findings").GetInt32() == 1
            && s.GetProperty("correctiveActions").GetProperty("open").GetInt32() == 1, "the audit events reach reporting");
        Assert.Equal(1, signals.GetProperty("correctiveActions").GetProperty("overdue").GetInt32());
        Assert.Equal(4, signals.GetProperty("correctiveActions").GetProperty("maxOverdueDays").GetInt32());
        Assert.Equal(1, await FactCountAsync(tenant.TenantId, FactKind.Finding));
        Assert.Equal(2, Assert.Single(await FactsOfAsync(tenant.TenantId, FactKind.CorrectiveAction, actionId)).Version);

        // The withdrawal (version 3) overtakes the change it follows (version 2): the finding leaves the figures and stays out.
        await bus.Publish(new FindingChanged(tenant.TenantId, findingId, auditId, "MinorNonconformity", "A.5.15", null, "Withdrawn", Today.AddDays(-10), false, now, 3));
        await bus.Publish(Action(3, "Closed", false, Today.AddDays(-4)));
        signals = await SignalsWhenAsync(reporting, s => s.GetProperty("findingRecurrence").GetProperty("findings").GetInt32() == 0
            && s.GetProperty("correctiveActions").GetProperty("open").GetInt32() == 0, "the withdrawal and the closure reach reporting");
        var late = Guid.NewGuid();
        await bus.Publish(new FindingChanged(tenant.TenantId, findingId, auditId, "MajorNonconformity", "A.5.15", null, "Open", Today.AddDays(-10), false, now.AddMinutes(-1), 2),
            c => c.MessageId = late);
        await Eventually.ReturnsAsync(() => InboxHasAsync(late, nameof(FindingChangedFactConsumer)), handled => handled, because: "the late version 2 is handled");
        Assert.Equal([1L, 3L], (await FactsOfAsync(tenant.TenantId, FactKind.Finding, findingId)).Select(f => f.Version).Order());
        Assert.Equal(0, (await SignalsAsync(reporting)).GetProperty("findingRecurrence").GetProperty("findings").GetInt32());
    }

    [Fact]
    public async Task A_critical_supplier_without_an_assessment_is_a_gap_until_it_is_approved_and_its_expired_certificate_kind_counts()
    {
        var tenant = await Suppliers.SupplierApiClient.SupplierTenantAsync(platform, "sigsup");
        using var suppliers = platform.SupplierApi(tenant.Tokens.AccessToken);
        using var reporting = platform.ReportingApi(tenant.Tokens.AccessToken);
        var supplier = await Suppliers.SupplierApiClient.CreateSupplierAsync(suppliers, "Critical Hosting B.V.", "Critical");
        await Suppliers.SupplierApiClient.AddCertificateAsync(suppliers, supplier.Id(), "Iso27001", Today.AddYears(-3), Today.AddDays(-1));

        var signals = await SignalsWhenAsync(reporting, s => s.GetProperty("supplierGaps").GetProperty("suppliers").GetInt32() == 1
            && s.GetProperty("supplierGaps").GetProperty("byReason").GetProperty("ExpiredCertificate").GetInt32() == 1, "supplier-api's events reach reporting");
        Assert.Equal(1, signals.GetProperty("supplierGaps").GetProperty("byReason").GetProperty("NoValidAssessment").GetInt32());

        await Suppliers.SupplierApiClient.AssessAsync(suppliers, supplier.Id());
        signals = await SignalsWhenAsync(reporting, s => s.GetProperty("supplierGaps").GetProperty("byReason").GetProperty("NoValidAssessment").GetInt32() == 0,
            "the approval reaches reporting");
        Assert.Equal(1, signals.GetProperty("supplierGaps").GetProperty("suppliers").GetInt32()); // the expired ISO certificate remains
        var records = await reporting.GetAsync("/api/reporting/signals/supplierGaps/records").OkJson();
        Assert.Equal("Critical Hosting B.V.", Assert.Single(records.EnumerateArray()).GetProperty("label").GetString());
    }

    [Theory]
    [InlineData("/api/reporting/signals?asOf=2027-13-01", "asOf")]
    [InlineData("/api/reporting/signals?asOf=15/01/2027", "asOf")]
    [InlineData("/api/reporting/signals/exceptions/records?asOf=tomorrow", "asOf")]
    [InlineData("/api/reporting/signals/trend?from=2027-01-10&to=2027-01-01", "from")]
    [InlineData("/api/reporting/signals/trend?from=2025-01-01&to=2027-01-01", "from")]
    [InlineData("/api/reporting/signals/trend.csv?to=x", "to")]
    public async Task Bad_dates_and_ranges_are_field_errors(string url, string field)
    {
        var tenant = await platform.OnboardTenantAsync();
        using var reporting = platform.ReportingApi(tenant.Tokens.AccessToken);

        var problem = await reporting.GetAsync(url).Problem(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task An_unknown_signal_is_404_and_the_trend_exports_as_csv()
    {
        var tenant = await platform.OnboardTenantAsync();
        using var reporting = platform.ReportingApi(tenant.Tokens.AccessToken);

        await reporting.GetAsync("/api/reporting/signals/noSuchSignal/records").Problem(HttpStatusCode.NotFound);
        var csv = await reporting.GetAsync($"/api/reporting/signals/trend.csv?from={Today.AddDays(-2):yyyy-MM-dd}&to={Today:yyyy-MM-dd}");
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("asOf,source,definitionVersion,exceptions.open", lines[0], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith($"{Today:yyyy-MM-dd},live,1,", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fact_stored_by_another_instance_shows_at_the_next_read_although_this_instance_keeps_the_tenant_in_memory()
    {
        var tenant = await platform.OnboardTenantAsync();
        using var reporting = platform.ReportingApi(tenant.Tokens.AccessToken);
        await SignalsWhenAsync(reporting, s => s.GetProperty("evidenceFreshness").GetProperty("undecided").GetInt32() == 93, "the SoA arrives");
        await SignalsAsync(reporting); // the tenant's facts are now held in memory

        // Written straight to the database, as a second reporting instance's consumer would: this instance's feed never hears of it.
        await using (var scope = platform.Reporting.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant.TenantId);
            var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
            var riskId = Guid.NewGuid();
            await FactStore.AddIfNewerAsync(db, FactKind.Risk, riskId, 1, DateTimeOffset.UtcNow,
                new RiskFact("Elsewhere", RiskApiClient.OpsOwner, "High", "Treat", DateTimeOffset.UtcNow), DateTimeOffset.UtcNow, CancellationToken.None);
            await FactStore.AddIfNewerAsync(db, FactKind.TreatmentAction, Guid.NewGuid(), 1, DateTimeOffset.UtcNow,
                new TreatmentActionFact(riskId, "=SUM(1) stored by the other instance", RiskApiClient.OpsOwner, Today.AddDays(-3), "Planned", null),
                DateTimeOffset.UtcNow, CancellationToken.None);
            await db.SaveChangesAsync();
        }

        var signals = await SignalsAsync(reporting);
        Assert.Equal(1, signals.GetProperty("treatmentOverdue").GetProperty("overdueActions").GetInt32());
        Assert.Equal(3, signals.GetProperty("treatmentOverdue").GetProperty("maxDays").GetInt32());

        // The drill-down as CSV, a label that would start a spreadsheet formula escaped.
        var csv = await reporting.GetAsync("/api/reporting/signals/treatmentOverdue/records.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("type,id,label,reason,owner,days", lines[0].TrimEnd('\r'));
        var row = Assert.Single(lines.Skip(1));
        Assert.StartsWith("TreatmentAction,", row, StringComparison.Ordinal);
        Assert.Contains("SUM(1) stored by the other instance", row, StringComparison.Ordinal);
        Assert.DoesNotContain(",=SUM", row, StringComparison.Ordinal);
    }

    private static string Json(SignalsDto figures) => JsonSerializer.Serialize(figures, FactStore.Json);

    private async Task<List<Fact>> FactsOfAsync(Guid tenantId, FactKind kind, Guid recordId)
    {
        await using var scope = platform.Reporting.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().Facts.IgnoreQueryFilters().AsNoTracking()
            .Where(f => f.TenantId == tenantId && f.Kind == kind && f.RecordId == recordId).ToListAsync();
    }

    private async Task<int> FactCountAsync(Guid tenantId, FactKind? kind)
    {
        await using var scope = platform.Reporting.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().Facts.IgnoreQueryFilters()
            .CountAsync(f => f.TenantId == tenantId && (kind == null || f.Kind == kind));
    }

    /// <summary>The outbox rows (their ids are the message ids) of every RiskAssessed risk-api published for the risk.</summary>
    private async Task<List<Guid>> RiskAssessedOutboxIdsAsync(Guid riskId)
    {
        await using var scope = platform.Risk.Services.CreateAsyncScope();
        var idText = riskId.ToString();
        return await scope.ServiceProvider.GetRequiredService<IsmsCloud.Risk.Infrastructure.RiskDbContext>().Set<IsmsCloud.BuildingBlocks.Messaging.OutboxMessage>()
            .IgnoreQueryFilters().Where(m => m.Type.StartsWith("IsmsCloud.Contracts.Events.RiskAssessed,") && m.Payload.Contains(idText))
            .Select(m => m.Id).ToListAsync();
    }

    private async Task<bool> InboxHasAsync(Guid messageId, string consumer)
    {
        await using var scope = platform.Reporting.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().InboxMessages.IgnoreQueryFilters()
            .AnyAsync(m => m.MessageId == messageId && m.Consumer == consumer);
    }

    /// <summary>How many of these messages the fact consumers have handled (their inbox marks).</summary>
    private async Task<int> HandledAsync(IReadOnlyCollection<Guid> messageIds)
    {
        await using var scope = platform.Reporting.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().InboxMessages.IgnoreQueryFilters()
            .CountAsync(m => messageIds.Contains(m.MessageId)
                && (m.Consumer == nameof(RiskAssessedFactConsumer) || m.Consumer == nameof(TreatmentActionFactConsumer)));
    }
}
