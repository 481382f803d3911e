using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.Contracts;
using IsmsCloud.IntegrationTests.Risk;
using IsmsCloud.IntegrationTests.Trust;
using IsmsCloud.Risk.History;
using IsmsCloud.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IsmsCloud.IntegrationTests.Audit;

/// <summary>
/// The audit trail on the real PostgreSQL: what the services append, what tampering with the rows directly in the
/// database does to verification (the position of the first broken link), anchors from an export and from the head
/// reporting keeps, and who may read it.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AuditTrailTests(PlatformFixture platform)
{
    private const string RiskDb = "isms_it_risk";

    /// <summary>A tenant whose risk chain holds the SoA seeding (93 controls), one risk and three reassessments of it.</summary>
    private async Task<(TenantSession Tenant, HttpClient Risk, Guid RiskId)> TenantWithChangesAsync()
    {
        var tenant = await platform.OnboardTenantAsync("trail");
        var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        await risk.ControlsAsync();
        var created = await risk.CreateRiskAsync("Ransomware on file shares", 4, 5);
        for (var version = 0; version < 3; version++)
        {
            await risk.PutAsJsonAsync($"/api/risk/risks/{created.Id()}", RiskApiClient.UpdateBody("Ransomware on file shares", 3 - version, 5, version)).OkJson();
        }

        return (tenant, risk, created.Id());
    }

    [Fact]
    public async Task A_change_is_in_the_trail_with_the_token_subject_and_the_correlation_id_and_the_record_history_reads_it()
    {
        var tenant = await platform.OnboardTenantAsync("trail");
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        // The SoA seeding appends to the same chain from the onboarding consumer: let it finish, or the verified head
        // and the trail's count below are read on either side of it.
        await risk.ControlsAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/risk/risks") { Content = JsonContent.Create(RiskApiClient.RiskBody("Phishing of finance staff")) };
        request.Headers.Add("X-Correlation-ID", "trail-correlation-1");
        var created = await risk.SendAsync(request).OkJson(HttpStatusCode.Created);

        var page = await risk.TrailAsync("risk", $"?recordId={created.Id()}");

        var entries = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["RiskAssessment", "Risk"], entries.Select(e => e.GetProperty("recordType").GetString()));
        var subject = JwtPayload.Read(tenant.Tokens.AccessToken).GetProperty("sub").GetString();
        Assert.All(entries, e => Assert.Equal(subject, e.GetProperty("actorId").GetString()));
        Assert.All(entries, e => Assert.Equal("trail-correlation-1", e.GetProperty("correlationId").GetString()));
        Assert.Contains("\"Title\":[null,\"Phishing of finance staff\"]", entries[1].GetProperty("changes").GetString(), StringComparison.Ordinal);
        var history = await risk.GetFromJsonAsync<JsonElement>($"/api/risk/history/{created.Id()}");
        Assert.Equal(2, history.GetProperty("totalCount").GetInt32());
        Assert.Equal(subject, history.GetProperty("items")[0].GetProperty("changedBy").GetString());
        var verified = await risk.VerifyAsync("risk");
        Assert.True(verified.GetProperty("intact").GetBoolean(), verified.ToString());
        Assert.Equal((await risk.TrailAsync("risk")).GetProperty("totalCount").GetInt64(), verified.Head());
    }

    public static TheoryData<string, string, int, AuditBreakKind> Tampering => new()
    {
        // What is done to the entry two before the head (or to it and the next), and where verification must stop.
        { "edit a field", """UPDATE "AuditTrail" SET "ActorId" = 'someone-else' WHERE "TenantId" = '{t}' AND "Sequence" = {n}""", 0, AuditBreakKind.ContentAltered },
        { "edit the changes", """UPDATE "AuditTrail" SET "Changes" = '{}' WHERE "TenantId" = '{t}' AND "Sequence" = {n}""", 0, AuditBreakKind.ContentAltered },
        { "delete a row", """DELETE FROM "AuditTrail" WHERE "TenantId" = '{t}' AND "Sequence" = {n}""", 0, AuditBreakKind.Missing },
        {
            "swap two rows",
            """
            UPDATE "AuditTrail" SET "Sequence" = -1 WHERE "TenantId" = '{t}' AND "Sequence" = {n};
            UPDATE "AuditTrail" SET "Sequence" = {n} WHERE "TenantId" = '{t}' AND "Sequence" = {n} + 1;
            UPDATE "AuditTrail" SET "Sequence" = {n} + 1 WHERE "TenantId" = '{t}' AND "Sequence" = -1
            """,
            0, AuditBreakKind.LinkBroken
        },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task Tampering_with_a_row_in_postgresql_is_found_at_its_position(string what, string sql, int offset, AuditBreakKind kind)
    {
        var (tenant, risk, _) = await TenantWithChangesAsync();
        var before = await risk.VerifyAsync("risk");
        Assert.True(before.GetProperty("intact").GetBoolean(), before.ToString());
        var target = before.Head() - 2;

        await AuditTrailTestKit.TamperAsync(RiskDb, sql.Replace("{t}", tenant.TenantId.ToString(), StringComparison.Ordinal).Replace("{n}", target.ToString(), StringComparison.Ordinal));

        var after = await risk.VerifyAsync("risk");
        Assert.False(after.GetProperty("intact").GetBoolean(), what);
        var firstBreak = after.GetProperty("firstBreak");
        Assert.Equal(target + offset, firstBreak.GetProperty("sequence").GetInt64());
        Assert.Equal(kind.ToString(), firstBreak.GetProperty("kind").GetString());
        Assert.Equal(target - 1, after.GetProperty("entriesChecked").GetInt64());
    }

    [Fact]
    public async Task A_cut_off_tail_consistent_with_itself_is_caught_against_the_last_line_of_an_export()
    {
        var (tenant, risk, _) = await TenantWithChangesAsync();
        var lines = (await risk.GetStringAsync("/api/risk/audit-trail/export?format=jsonl")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var last = JsonNode.Parse(lines[^1])!;
        var (anchorSequence, anchorHash) = (last["sequence"]!.GetValue<long>(), last["hash"]!.GetValue<string>());

        await AuditTrailTestKit.TamperAsync(RiskDb, $"""DELETE FROM "AuditTrail" WHERE "TenantId" = '{tenant.TenantId}' AND "Sequence" > {anchorSequence - 2}""");

        var alone = await risk.VerifyAsync("risk");
        Assert.True(alone.GetProperty("intact").GetBoolean(), "a chain cut at its end is consistent with itself");
        Assert.Equal(anchorSequence - 2, alone.Head());
        var anchored = await risk.VerifyAsync("risk", anchorSequence, anchorHash);
        Assert.False(anchored.GetProperty("intact").GetBoolean());
        Assert.Equal(anchorSequence - 1, anchored.GetProperty("firstBreak").GetProperty("sequence").GetInt64());
        Assert.Equal(nameof(AuditBreakKind.EndsBeforeAnchor), anchored.GetProperty("firstBreak").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Both_exports_recompute_offline_line_by_line()
    {
        var (_, risk, _) = await TenantWithChangesAsync();

        var jsonLines = (await risk.GetStringAsync("/api/risk/audit-trail/export")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var csv = await risk.GetAsync("/api/risk/audit-trail/export?format=csv");

        var previous = AuditEntryContent.GenesisHash;
        for (var i = 0; i < jsonLines.Length; i++)
        {
            var entry = JsonNode.Parse(jsonLines[i])!.AsObject();
            var hash = entry["hash"]!.GetValue<string>();
            entry.Remove("hash");
            Assert.Equal(i + 1, entry["sequence"]!.GetValue<long>());
            Assert.Equal(previous, entry["previousHash"]!.GetValue<string>());
            Assert.Equal(hash, AuditEntryContent.HashOf(JsonCanonicalizer.Canonicalize(entry.ToJsonString())));
            previous = hash;
        }

        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var csvText = await csv.Content.ReadAsStringAsync();
        var rows = csvText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', AuditExport.CsvColumns), rows[0]);
        Assert.Equal(jsonLines.Length + 1, rows.Length);
        Assert.EndsWith(previous, rows[^1], StringComparison.Ordinal);

        // The documented offline procedure (docs/audit-trail.md) on both files, and on a copy with one line edited.
        var directory = Directory.CreateTempSubdirectory("audit-export-");
        try
        {
            var jsonFile = Path.Combine(directory.FullName, "trail.jsonl");
            var csvFile = Path.Combine(directory.FullName, "trail.csv");
            var editedFile = Path.Combine(directory.FullName, "edited.jsonl");
            await File.WriteAllTextAsync(jsonFile, string.Join('\n', jsonLines) + "\n");
            await File.WriteAllTextAsync(csvFile, csvText);
            var edited = jsonLines.ToArray();
            edited[4] = edited[4].Replace("\"action\":\"Created\"", "\"action\":\"Deleted\"", StringComparison.Ordinal);
            await File.WriteAllTextAsync(editedFile, string.Join('\n', edited) + "\n");

            Assert.StartsWith($"intact: {jsonLines.Length} entries, head {jsonLines.Length} {previous}", await OfflineCheckAsync(jsonFile), StringComparison.Ordinal);
            Assert.StartsWith($"intact: {jsonLines.Length} entries", await OfflineCheckAsync(csvFile, $"--anchor {jsonLines.Length}:{previous}"), StringComparison.Ordinal);
            Assert.StartsWith("broken at entry 5: its content does not hash to its hash", await OfflineCheckAsync(editedFile), StringComparison.Ordinal);
            Assert.StartsWith($"broken at entry {jsonLines.Length + 1}", await OfflineCheckAsync(jsonFile, $"--anchor {jsonLines.Length + 3}:{previous}"), StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Runs docs/audit-trail/verify-export.mjs with Node, as the documented procedure does; its first output line.</summary>
    private static async Task<string> OfflineCheckAsync(string file, string extra = "")
    {
        var repo = Environment.GetEnvironmentVariable("ISMS_REPO_ROOT") ?? Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
        var start = new System.Diagnostics.ProcessStartInfo("node", $"\"{Path.Combine(repo, "docs/audit-trail/verify-export.mjs")}\" \"{file}\" {extra}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = System.Diagnostics.Process.Start(start)!;
        var output = await node.StandardOutput.ReadToEndAsync();
        await node.WaitForExitAsync();
        return output.Trim() + await node.StandardError.ReadToEndAsync();
    }

    [Fact]
    public async Task The_database_itself_refuses_to_update_or_delete_a_trail_row()
    {
        var (tenant, risk, _) = await TenantWithChangesAsync();

        var update = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            AuditTrailTestKit.ExecuteAsync(RiskDb, $"""UPDATE "AuditTrail" SET "ActorId" = 'x' WHERE "TenantId" = '{tenant.TenantId}'"""));
        var delete = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            AuditTrailTestKit.ExecuteAsync(RiskDb, $"""DELETE FROM "AuditTrail" WHERE "TenantId" = '{tenant.TenantId}'"""));

        Assert.Contains("append-only", update.MessageText, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.MessageText, StringComparison.Ordinal);
        Assert.True((await risk.VerifyAsync("risk")).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task The_days_head_is_published_once_kept_by_reporting_and_verifies_as_an_anchor()
    {
        var (tenant, risk, _) = await TenantWithChangesAsync();
        using var reporting = platform.ReportingApi(tenant.Tokens.AccessToken);
        var publisher = platform.Risk.Services.GetRequiredService<AuditHeadPublisher>();
        var today = DateOnly.FromDateTime(platform.RiskClock.GetUtcNow().UtcDateTime);

        var published = await publisher.PublishAsync(tenant.TenantId, today, CancellationToken.None);
        var again = await publisher.PublishAsync(tenant.TenantId, today, CancellationToken.None);

        Assert.NotNull(published);
        Assert.Null(again);
        var heads = await Eventually.ReturnsAsync(() => reporting.GetFromJsonAsync<JsonElement>("/api/reporting/audit-heads?service=risk"),
            h => h.GetProperty("totalCount").GetInt32() == 1, because: "reporting keeps the published head");
        var head = heads.GetProperty("items")[0];
        Assert.Equal(published.Hash, head.GetProperty("hash").GetString());
        Assert.Equal(today.ToString("yyyy-MM-dd"), head.GetProperty("day").GetString());
        var verified = await risk.VerifyAsync("risk", head.GetProperty("sequence").GetInt64(), head.GetProperty("hash").GetString());
        Assert.True(verified.GetProperty("intact").GetBoolean(), verified.ToString());
        Assert.Equal(published.Sequence, verified.GetProperty("anchorSequence").GetInt64());
    }

    [Fact]
    public async Task Only_the_tenants_admins_and_auditors_read_the_trail_and_the_heads()
    {
        var tenant = await platform.OnboardTenantAsync("trail");
        var auditor = await platform.AddMemberAsync(tenant, IsmsRoles.Auditor);
        var manager = await platform.AddMemberAsync(tenant, IsmsRoles.IsmsManager);
        var viewer = await platform.AddMemberAsync(tenant, IsmsRoles.Viewer);
        string[] urls = ["/api/risk/audit-trail", "/api/risk/audit-trail/verify", "/api/risk/audit-trail/export"];

        foreach (var url in urls)
        {
            using var asAuditor = platform.RiskApi(auditor.AccessToken);
            Assert.Equal(HttpStatusCode.OK, (await asAuditor.GetAsync(url)).StatusCode);
            foreach (var refused in new[] { manager, viewer })
            {
                using var client = platform.RiskApi(refused.AccessToken);
                Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
            }
        }

        using var trustAsViewer = platform.TrustApi(viewer.AccessToken);
        using var reportingAsViewer = platform.ReportingApi(viewer.AccessToken);
        using var reportingAsAuditor = platform.ReportingApi(auditor.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await trustAsViewer.GetAsync("/api/trust/audit-trail")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reportingAsViewer.GetAsync("/api/reporting/audit-heads")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reportingAsAuditor.GetAsync("/api/reporting/audit-heads")).StatusCode);
        using var anonymous = platform.Risk.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/risk/audit-trail")).StatusCode);
    }

    [Fact]
    public async Task The_history_kept_before_the_chain_is_chained_in_its_order_with_its_actors_and_then_removed()
    {
        var tenant = await platform.OnboardTenantAsync("legacy");
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        await risk.ControlsAsync();
        var recordId = Guid.NewGuid();
        await AuditTrailTestKit.ExecuteAsync(RiskDb, $$"""
            INSERT INTO "ChangeRecords" ("TenantId", "RecordType", "RecordId", "Kind", "ChangedBy", "ChangedAt", "Changes") VALUES
            ('{{tenant.TenantId}}', 'Risk', '{{recordId}}', 'Created', 'owner@legacy.example', '2026-11-01T09:00:00.123456Z', '{"Title":[null,"Old risk"],"Status":[null,0]}'),
            ('{{tenant.TenantId}}', 'Risk', '{{recordId}}', 'Updated', 'manager@legacy.example', '2026-11-02T09:00:00Z', '{"Title":["Old risk","Older risk"]}')
            """);
        var before = (await risk.VerifyAsync("risk")).Head();

        var chained = await platform.Risk.Services.GetRequiredService<LegacyHistoryChaining>().ChainTenantAsync(tenant.TenantId, CancellationToken.None);

        Assert.Equal(2, chained);
        var page = await risk.TrailAsync("risk", $"?recordId={recordId}");
        var entries = page.GetProperty("items").EnumerateArray().Reverse().ToList();
        Assert.Equal([before + 1, before + 2], entries.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal(["owner@legacy.example", "manager@legacy.example"], entries.Select(e => e.GetProperty("actorId").GetString()));
        Assert.Equal("""{"Status":[null,0],"Title":[null,"Old risk"]}""", entries[0].GetProperty("changes").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero).AddTicks(1234560), entries[0].GetProperty("occurredAt").GetDateTimeOffset());
        Assert.True((await risk.VerifyAsync("risk")).GetProperty("intact").GetBoolean());
        Assert.Equal(0, await AuditTrailTestKit.ExecuteAsync(RiskDb, $"""DELETE FROM "ChangeRecords" WHERE "TenantId" = '{tenant.TenantId}'"""));
        Assert.Equal(2, (await risk.GetFromJsonAsync<JsonElement>($"/api/risk/history/{recordId}")).GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Trusts_changes_are_in_its_own_chain()
    {
        var tenant = await platform.OnboardTenantAsync("trail");
        using var trust = platform.TrustApi(tenant.Tokens.AccessToken);
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        await trust.SetProfileAsync(services: ["Payroll SaaS"]);
        var scope = await trust.PublishScopeAsync(["Payroll SaaS"]);

        var page = await trust.TrailAsync("trust", "?pageSize=200");

        var types = page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("recordType").GetString()).ToHashSet();
        Assert.Contains("TrustProfile", types);
        Assert.Contains("ScopeVersion", types);
        var published = page.GetProperty("items").EnumerateArray().First(e => e.GetProperty("recordId").GetGuid() == scope.Id());
        Assert.Contains("\"Status\":[\"Draft\",\"Published\"]", published.GetProperty("changes").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("PublishedByName", page.ToString(), StringComparison.Ordinal);
        Assert.True((await trust.VerifyAsync("trust")).GetProperty("intact").GetBoolean());
        Assert.Equal(0, (await risk.TrailAsync("risk", $"?recordId={scope.Id()}")).GetProperty("totalCount").GetInt32());
    }
}
