using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IsmsCloud.Contracts.Events;
using IsmsCloud.IntegrationTests.Risk;
using IsmsCloud.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace IsmsCloud.IntegrationTests.Suppliers;

/// <summary>Suppliers from CSV: the export's columns, all or nothing, errors by row and column, each supplier made as a create makes it.</summary>
[Collection(PlatformCollection.Name)]
public sealed class SupplierCsvImportTests(PlatformFixture platform)
{
    private const string Url = "/api/suppliers/import/suppliers";
    private const string Header = "legal_name,owner,criticality,status,services,data_categories,data_classification,data_locations,parent_supplier_id,"
        + "contract_start_on,contract_end_on,notice_period_days,ai_model_provider,ai_data_used,ai_automated_decisions,risk_ids,asset_ids,gap_reasons,id";

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    [Fact]
    public async Task A_good_file_imports_every_supplier_with_one_event_each_and_its_trail_and_another_tenant_sees_none()
    {
        var tenant = await platform.SupplierTenantAsync("supimp");
        var changed = new ConcurrentQueue<(Guid MessageId, SupplierChanged Event)>();
        var bus = platform.Suppliers.Services.GetRequiredService<IBus>();
        var handle = bus.ConnectReceiveEndpoint($"test-supplier-import-{Guid.NewGuid():N}", endpoint =>
        {
            if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                rabbit.AutoDelete = true;
                rabbit.Durable = false;
            }

            endpoint.Handler<SupplierChanged>(c =>
            {
                if (c.Message.TenantId == tenant.TenantId)
                {
                    changed.Enqueue((c.MessageId ?? Guid.Empty, c.Message));
                }

                return Task.CompletedTask;
            });
        });
        await handle.Ready;
        try
        {
            using var suppliers = platform.SupplierApi(tenant.Tokens.AccessToken);
            var existing = (await suppliers.CreateSupplierAsync("Existing Parent AG", "Medium")).Id();
            var fileParent = Guid.NewGuid();
            var risk = Guid.NewGuid();
            var file = $"""
                {Header}
                Imported Cloud B.V.,{RiskApiClient.Owner},Critical,Active,Hosting; Backups,Customer contact data,Confidential,EU; US,,2026-01-01,2028-12-31,90,OpenAI,Support tickets,yes,{risk},,NoValidAssessment,{fileParent}
                "Imported Mail, Ltd",{RiskApiClient.OtherOwner},High,Offboarding,E-mail,,Internal,EU,{fileParent},,,,,,no,,,,
                Imported Child GmbH,{RiskApiClient.OpsOwner.ToUpperInvariant()},low,,,,,,{existing},,,,,,,,,,
                """;

            var result = await suppliers.PostAsync(Url, Csv(file)).OkJson();

            Assert.Equal(3, result.GetProperty("imported").GetInt32());
            var page = await suppliers.GetFromJsonAsync<JsonElement>("/api/suppliers?search=Imported&pageSize=10");
            Assert.Equal(3, page.GetProperty("totalCount").GetInt32());
            var byName = page.GetProperty("items").EnumerateArray().ToDictionary(s => s.GetProperty("legalName").GetString()!);
            var cloud = byName["Imported Cloud B.V."];
            Assert.NotEqual(fileParent, cloud.Id()); // the file's ids are not kept...
            Assert.Equal(cloud.Id(), byName["Imported Mail, Ltd"].GetProperty("parentSupplierId").GetGuid()); // ...but link the file's rows
            Assert.Equal(existing, byName["Imported Child GmbH"].GetProperty("parentSupplierId").GetGuid());
            Assert.Equal(["Critical", "Offboarding", "Low"], new[] { "Imported Cloud B.V.", "Imported Mail, Ltd", "Imported Child GmbH" }
                .Select(n => byName[n].GetProperty(n == "Imported Mail, Ltd" ? "status" : "criticality").GetString()));
            Assert.Equal(["Hosting", "Backups"], cloud.GetProperty("services").EnumerateArray().Select(s => s.GetString()));
            Assert.Equal(["EU", "US"], cloud.GetProperty("dataLocations").EnumerateArray().Select(s => s.GetString()));
            Assert.Equal(("Confidential", "2028-12-31", 90, "OpenAI", true), (cloud.GetProperty("dataClassification").GetString(),
                cloud.GetProperty("contractEndOn").GetString(), cloud.GetProperty("noticePeriodDays").GetInt32(), cloud.GetProperty("aiModelProvider").GetString(),
                cloud.GetProperty("aiAutomatedDecisions").GetBoolean()));
            Assert.Equal(risk, cloud.GetProperty("riskIds")[0].GetGuid());
            Assert.Equal(RiskApiClient.OpsOwner, byName["Imported Child GmbH"].GetProperty("owner").GetString());
            Assert.Contains("NoValidAssessment", cloud.GetProperty("gapReasons").EnumerateArray().Select(r => r.GetString()));
            // The existing parent got a sub-processor: a material change, as when one is registered by hand.
            Assert.Contains("NewSubProcessor", (await suppliers.SupplierAsync(existing)).GetProperty("supplier").GetProperty("lastMaterialChange").GetString(), StringComparison.Ordinal);

            foreach (var imported in byName.Values)
            {
                var trail = await suppliers.GetFromJsonAsync<JsonElement>($"/api/suppliers/audit-trail?recordId={imported.Id()}");
                Assert.Equal(["Created"], trail.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
            }

            var events = await Eventually.ReturnsAsync(() => Task.FromResult(changed.ToArray()),
                e => byName.Values.All(s => e.Any(x => x.Event.SupplierId == s.Id())) && e.Any(x => x.Event.SupplierId == existing && x.Event.MaterialChanges.Count > 0),
                because: "each imported supplier and the existing parent are published");
            await Task.Delay(TimeSpan.FromSeconds(1)); // time for a duplicate to arrive, were there one
            events = changed.ToArray();
            Assert.Equal(events.Length, events.Select(e => e.MessageId).Distinct().Count());
            foreach (var imported in byName.Values)
            {
                var only = Assert.Single(events, e => e.Event.SupplierId == imported.Id()).Event;
                Assert.Equal(0, only.Version);
                Assert.Empty(only.MaterialChanges);
            }

            Assert.True(Assert.Single(events, e => e.Event.SupplierId == cloud.Id()).Event.AiUseAdded);
            Assert.Equal(["NewSubProcessor"], Assert.Single(events, e => e.Event.SupplierId == existing && e.Event.MaterialChanges.Count > 0).Event.MaterialChanges);

            // Another tenant sees none of them, in lists or exports.
            var other = await platform.SupplierTenantAsync("supimpb");
            using var ofOther = platform.SupplierApi(other.Tokens.AccessToken);
            Assert.Equal(0, (await ofOther.GetFromJsonAsync<JsonElement>("/api/suppliers")).GetProperty("totalCount").GetInt32());
            Assert.DoesNotContain("Imported", await ofOther.GetStringAsync("/api/suppliers/export/suppliers"), StringComparison.Ordinal);
        }
        finally
        {
            await handle.StopAsync();
        }
    }

    [Fact]
    public async Task A_file_with_a_bad_row_imports_nothing_and_answers_400_naming_each_row_and_column()
    {
        var tenant = await platform.SupplierTenantAsync("supimpbad");
        using var suppliers = platform.SupplierApi(tenant.Tokens.AccessToken);
        var file = $"""
            {Header}
            Good Supplier One,{RiskApiClient.Owner},High,Active,Hosting,,,,,,,,,,,,,,
            Bad Supplier,stranger@example.com,Extreme,Active,,,,,{Guid.NewGuid()},2027-01-01,2026-01-01,forty,,,maybe,not-a-guid,,,
            "Bad Cell",{RiskApiClient.Owner},Low,Active,"Host{'\u0007'}ing",,,,,,,,,,,,,,
            Good Supplier Two,{RiskApiClient.Owner},Low,Active,,,,,,,,,,,,,,,
            """;

        var problem = await suppliers.PostAsync(Url, Csv(file)).Problem(HttpStatusCode.BadRequest);

        Assert.Equal("Nothing was imported: fix these rows and import the file again.", problem.GetProperty("title").GetString());
        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ToArray();
        Assert.Equal(["row 3: ai_automated_decisions", "row 3: contract_end_on", "row 3: criticality", "row 3: notice_period_days", "row 3: owner",
            "row 3: parent_supplier_id", "row 3: risk_ids", "row 4: services"], errors);
        Assert.Equal("Name an active member of the tenant (by e-mail).", problem.GetProperty("errors").GetProperty("row 3: owner")[0].GetString());
        Assert.Equal("Control characters other than tab and line breaks are not allowed.", problem.GetProperty("errors").GetProperty("row 4: services")[0].GetString());
        Assert.Equal(0, (await suppliers.GetFromJsonAsync<JsonElement>("/api/suppliers")).GetProperty("totalCount").GetInt32());

        // Parents named by the file's ids: one that no row has, a loop of two, a duplicate id, a supplier its own parent.
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid();
        var links = await suppliers.PostAsync(Url, Csv($"""
            legal_name,owner,parent_supplier_id,id
            Loop One,{RiskApiClient.Owner},{b},{a}
            Loop Two,{RiskApiClient.Owner},{a},{b}
            Orphan,{RiskApiClient.Owner},{Guid.NewGuid()},
            Twin,{RiskApiClient.Owner},,{a}
            Itself,{RiskApiClient.Owner},{c},{c}
            """)).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["row 2: parent_supplier_id", "row 4: parent_supplier_id", "row 5: id", "row 6: parent_supplier_id"],
            links.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal("A supplier cannot be a sub-processor of its own sub-processors.", links.GetProperty("errors").GetProperty("row 2: parent_supplier_id")[0].GetString());
        Assert.Equal(0, (await suppliers.GetFromJsonAsync<JsonElement>("/api/suppliers")).GetProperty("totalCount").GetInt32());

        // The whole file's errors, and who may import.
        var missing = await suppliers.PostAsync(Url, Csv("legal_name,criticality\nA,Low\n")).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("owner", missing.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        await suppliers.PostAsync(Url, Csv("")).Problem(HttpStatusCode.BadRequest);
        var viewer = await platform.AddMemberAsync(tenant, Contracts.IsmsRoles.Viewer);
        using var asViewer = platform.SupplierApi(viewer.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await asViewer.PostAsync(Url, Csv($"{Header}\nViewer's,{RiskApiClient.Owner}\n"))).StatusCode);
        Assert.Equal(0, (await suppliers.GetFromJsonAsync<JsonElement>("/api/suppliers")).GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task An_export_imports_back_into_another_tenant_with_the_same_columns()
    {
        var source = await platform.SupplierTenantAsync("supimprt");
        var target = await platform.SupplierTenantAsync("supimprtb");
        using var fromSource = platform.SupplierApi(source.Tokens.AccessToken);
        using var intoTarget = platform.SupplierApi(target.Tokens.AccessToken);
        var parent = (await fromSource.CreateSupplierAsync("Round Trip Parent", "Critical")).Id();
        await fromSource.PostAsJsonAsync("/api/suppliers", SupplierApiClient.SupplierBody("A Round Trip Child", "Low", parentSupplierId: parent,
            services: ["Mail", "Chat"], aiModelProvider: "Anthropic", riskIds: [Guid.NewGuid()])).OkJson(HttpStatusCode.Created);
        var exported = await fromSource.GetStringAsync("/api/suppliers/export/suppliers");

        var result = await intoTarget.PostAsync(Url, Csv(exported)).OkJson();

        Assert.Equal(2, result.GetProperty("imported").GetInt32());
        var before = Rows(exported);
        var after = Rows(await intoTarget.GetStringAsync("/api/suppliers/export/suppliers"));
        Assert.Equal(before[0], after[0]);
        string[] copied = ["legal_name", "owner", "criticality", "status", "services", "data_categories", "data_classification", "data_locations",
            "contract_start_on", "contract_end_on", "notice_period_days", "ai_model_provider", "ai_data_used", "ai_automated_decisions", "risk_ids", "asset_ids"];
        foreach (var column in copied)
        {
            var at = Array.IndexOf(before[0], column);
            Assert.Equal(before.Skip(1).Select(r => r[at]), after.Skip(1).Select(r => r[at]));
        }

        // The child (listed first: the export is by name) names its parent by the target's new id.
        var id = Array.IndexOf(after[0], "id");
        var parentColumn = Array.IndexOf(after[0], "parent_supplier_id");
        Assert.Equal(after[2][id], after[1][parentColumn]);
        Assert.NotEqual(parent.ToString(), after[1][parentColumn]);
    }

    [Fact]
    public async Task After_a_large_import_the_database_plans_for_the_tenants_new_rows_without_waiting_for_autovacuum()
    {
        var tenant = await platform.SupplierTenantAsync("supimpstats");
        using var suppliers = platform.SupplierApi(tenant.Tokens.AccessToken);
        var file = new StringBuilder(Header).Append('\n');
        for (var i = 1; i <= IsmsCloud.BuildingBlocks.Persistence.TableStatisticsRefresh.MinimumRows; i++)
        {
            file.Append(CultureInfo.InvariantCulture, $"Statistics Supplier {i:D4} B.V.,{RiskApiClient.Owner},Medium,Active,Hosting,,,,,,,,,,,,,,\n");
        }

        var startedAt = await DatabaseNowAsync();
        var result = await suppliers.PostAsync(Url, Csv(file.ToString())).OkJson();
        Assert.Equal(IsmsCloud.BuildingBlocks.Persistence.TableStatisticsRefresh.MinimumRows, result.GetProperty("imported").GetInt32());

        // A manual VACUUM (ANALYZE) of the suppliers table (autovacuum records its runs in other columns), soon after the commit ...
        await Eventually.ReturnsAsync(() => ScalarAsync<bool>("""
            SELECT coalesce(last_vacuum > @at AND last_analyze > @at, false) FROM pg_stat_user_tables WHERE relname = 'Suppliers'
            """, startedAt), refreshed => refreshed, TimeSpan.FromSeconds(60), "the import should refresh the table's statistics");
        // ... so the planner expects the tenant's 1,000 rows, not the one row it assumes for a tenant it has never seen.
        var plan = await ScalarAsync<string>($"""EXPLAIN (FORMAT JSON) SELECT * FROM "Suppliers" WHERE "TenantId" = '{tenant.TenantId}'""", startedAt);
        var expectedRows = JsonDocument.Parse(plan).RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
        Assert.InRange(expectedRows, 500, 2_000);
    }

    private Task<DateTime> DatabaseNowAsync() => ScalarAsync<DateTime>("SELECT clock_timestamp()", DateTime.UnixEpoch);

    private async Task<T> ScalarAsync<T>(string sql, DateTime at)
    {
        await using var scope = platform.Suppliers.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IsmsCloud.Suppliers.Infrastructure.SupplierDbContext>();
        var connection = (Npgsql.NpgsqlConnection)Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetDbConnection(db.Database);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("at", at);
        var value = await command.ExecuteScalarAsync();
        return value is T typed ? typed : (T)Convert.ChangeType(value!, typeof(T), CultureInfo.InvariantCulture);
    }

    private static List<string[]> Rows(string csv)
    {
        using var reader = new StringReader(csv);
        using var parser = new CsvHelper.CsvParser(reader, CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (parser.Read())
        {
            rows.Add(parser.Record!);
        }

        return rows;
    }
}
