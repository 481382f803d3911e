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

/// <summary>
/// Certificates and assessments from CSV (a tenant moving its supplier spreadsheet in): the export's columns, all or
/// nothing, errors by row and column, each record made as by hand, so the imported history closes the gaps it should.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SupplierRecordsCsvImportTests(PlatformFixture platform)
{
    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static string Day(DateTimeOffset at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Imported_certificates_and_past_assessments_close_the_gaps_they_should_with_one_event_each()
    {
        var tenant = await platform.SupplierTenantAsync("suprecimp");
        var assessed = new ConcurrentQueue<(Guid MessageId, SupplierAssessed Event)>();
        var certified = new ConcurrentQueue<(Guid MessageId, SupplierCertificateChanged Event)>();
        var bus = platform.Suppliers.Services.GetRequiredService<IBus>();
        var handle = bus.ConnectReceiveEndpoint($"test-supplier-records-import-{Guid.NewGuid():N}", endpoint =>
        {
            if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                rabbit.AutoDelete = true;
                rabbit.Durable = false;
            }

            endpoint.Handler<SupplierAssessed>(c =>
            {
                if (c.Message.TenantId == tenant.TenantId)
                {
                    assessed.Enqueue((c.MessageId ?? Guid.Empty, c.Message));
                }

                return Task.CompletedTask;
            });
            endpoint.Handler<SupplierCertificateChanged>(c =>
            {
                if (c.Message.TenantId == tenant.TenantId)
                {
                    certified.Enqueue((c.MessageId ?? Guid.Empty, c.Message));
                }

                return Task.CompletedTask;
            });
        });
        await handle.Ready;
        try
        {
            using var suppliers = platform.SupplierApi(tenant.Tokens.AccessToken);
            var critical = (await suppliers.CreateSupplierAsync("Critical Hosting AG", "Critical")).Id();
            var high = (await suppliers.CreateSupplierAsync("High Mail Ltd", "High")).Id();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            await suppliers.AddCertificateAsync(critical, "Iso27001", today.AddYears(-3), today.AddDays(-10)); // expired
            Assert.Equal(["NoValidAssessment", "ExpiredCertificate"], await suppliers.GapsAsync(critical));

            var certificates = await suppliers.PostAsync("/api/suppliers/import/certificates", Csv($"""
                supplier_id,kind,issuer,reference,valid_from,valid_until,is_certificate,validity,id
                {critical},Iso27001,BSI,IS 123456,{today.AddDays(-9):yyyy-MM-dd},{today.AddYears(3):yyyy-MM-dd},yes,Expired,{Guid.NewGuid()}
                {critical},dpa,Legal,,{today.AddYears(-1):yyyy-MM-dd},{today.AddYears(2):yyyy-MM-dd},,,
                """)).OkJson();

            Assert.Equal(2, certificates.GetProperty("imported").GetInt32());
            var held = (await suppliers.SupplierAsync(critical)).GetProperty("certificates").EnumerateArray().ToList();
            Assert.Equal(3, held.Count);
            // Validity is computed, whatever the file said.
            var renewed = Assert.Single(held, c => c.GetProperty("issuer").GetString() == "BSI");
            Assert.Equal(("Valid", "IS 123456"), (renewed.GetProperty("validity").GetString(), renewed.GetProperty("reference").GetString()));
            Assert.Equal(["NoValidAssessment"], await suppliers.GapsAsync(critical));

            var completedAt = DateTimeOffset.UtcNow.AddDays(-40);
            var older = DateTimeOffset.UtcNow.AddDays(-400);
            var assessments = await suppliers.PostAsync("/api/suppliers/import/assessments", Csv($"""
                supplier_id,title,status,result,residual_risk_note,conditions,created_at,completed_at,completed_by
                {critical},Annual review 2025,Completed,Rejected,Backups untested,,,{Day(older)},
                {critical},Annual review 2026,,ApprovedWithConditions,Low,Encrypt backups; Test restores yearly,{completedAt.AddDays(-3):O},{completedAt:O},{RiskApiClient.OtherOwner}
                {high},Desk review of the DPA,InProgress,,,,,,
                """)).OkJson();

            Assert.Equal(3, assessments.GetProperty("imported").GetInt32());
            var detail = await suppliers.SupplierAsync(critical);
            Assert.Empty(await suppliers.GapsAsync(critical));
            Assert.Equal(Day(completedAt), DateOnly.FromDateTime(detail.GetProperty("supplier").GetProperty("lastCompletedAt").GetDateTimeOffset().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Assert.Equal(Day(completedAt), detail.GetProperty("supplier").GetProperty("lastApprovedOn").GetString());
            var latest = Assert.Single(detail.GetProperty("assessments").EnumerateArray(), a => a.GetProperty("title").GetString() == "Annual review 2026");
            Assert.Equal(("Completed", "ApprovedWithConditions", RiskApiClient.OtherOwner), (latest.GetProperty("status").GetString(),
                latest.GetProperty("result").GetString(), latest.GetProperty("completedBy").GetString()));
            Assert.Equal(["Encrypt backups", "Test restores yearly"], latest.GetProperty("conditions").EnumerateArray().Select(c => c.GetString()));
            var desk = Assert.Single((await suppliers.SupplierAsync(high)).GetProperty("assessments").EnumerateArray());
            Assert.Equal(("InProgress", JsonValueKind.Null), (desk.GetProperty("status").GetString(), desk.GetProperty("result").ValueKind));
            Assert.Equal(["NoValidAssessment"], await suppliers.GapsAsync(high));

            // One event per imported record, each once, carrying the day the assessment was completed (reporting's history).
            await Eventually.ReturnsAsync(() => Task.FromResult((assessed.Count, certified.Count)), c => c.Item1 >= 2 && c.Item2 >= 3,
                because: "the imported assessments and certificates are published");
            await Task.Delay(TimeSpan.FromSeconds(1)); // time for a duplicate to arrive, were there one
            Assert.Equal(2, assessed.Count);
            Assert.Equal(3, certified.Count); // the one added by hand and the two imported
            Assert.Equal(assessed.Count, assessed.Select(e => e.MessageId).Distinct().Count());
            Assert.Equal([Day(older), Day(completedAt)], assessed.Select(e => Day(e.Event.CompletedAt)).Order());

            var trail = await suppliers.GetFromJsonAsync<JsonElement>($"/api/suppliers/audit-trail?recordId={latest.Id()}");
            Assert.Contains("Created", trail.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        }
        finally
        {
            await handle.StopAsync();
        }
    }

    [Fact]
    public async Task A_bad_row_imports_nothing_and_each_refusal_names_its_row_and_column()
    {
        var tenant = await platform.SupplierTenantAsync("suprecbad");
        var other = await platform.SupplierTenantAsync("suprecbadb");
        using var suppliers = platform.SupplierApi(tenant.Tokens.AccessToken);
        using var ofOther = platform.SupplierApi(other.Tokens.AccessToken);
        var own = (await suppliers.CreateSupplierAsync("Own Critical AG", "Critical")).Id();
        var foreign = (await ofOther.CreateSupplierAsync("Other tenant's supplier")).Id();
        var future = DateTimeOffset.UtcNow.AddDays(3);

        var certificates = await suppliers.PostAsync("/api/suppliers/import/certificates", Csv($"""
            supplier_id,kind,issuer,valid_from,valid_until
            {own},Iso27001,Good Issuer,2026-01-01,2028-12-31
            {foreign},Soc2,X,2026-13-01,
            {own},Soc2Type2,Long Issuer,2026-01-01,2025-01-01
            {own},Contract,Decade Issuer,2026-01-01,2040-01-01
            """)).Problem(HttpStatusCode.BadRequest);

        Assert.Equal("Nothing was imported: fix these rows and import the file again.", certificates.GetProperty("title").GetString());
        Assert.Equal(["row 3: issuer", "row 3: kind", "row 3: supplier_id", "row 3: valid_from", "row 3: valid_until", "row 4: valid_until", "row 5: valid_until"],
            certificates.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        Assert.Empty((await suppliers.SupplierAsync(own)).GetProperty("certificates").EnumerateArray());

        var assessments = await suppliers.PostAsync("/api/suppliers/import/assessments", Csv($"""
            supplier_id,title,status,result,conditions,created_at,completed_at,completed_by
            {own},Good review,Completed,Approved,,,2026-01-01,
            {own},Future review,Completed,Approved,,,{future:O},
            {own},Unconditional,,ApprovedWithConditions,,,2026-01-01,
            {own},Sent questionnaire,AwaitingSupplier,,,,,
            {own},Open review,InProgress,Approved,,,,
            {foreign},Not ours,Completed,Approved,,,2026-01-01,not-an-email
            {own},Backwards,Completed,Rejected,,2026-02-01,2026-01-01,
            {own},No day,Completed,,,,2026-01-01T10:00:00,
            """)).Problem(HttpStatusCode.BadRequest);

        Assert.Equal(["row 3: completed_at", "row 4: conditions", "row 5: status", "row 6: result", "row 7: completed_by", "row 7: supplier_id",
            "row 8: completed_at", "row 9: completed_at", "row 9: result"], assessments.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal("Cannot be in the future: import assessments that were completed.", assessments.GetProperty("errors").GetProperty("row 3: completed_at")[0].GetString());
        Assert.Empty((await suppliers.SupplierAsync(own)).GetProperty("assessments").EnumerateArray());
        Assert.Empty((await ofOther.SupplierAsync(foreign)).GetProperty("assessments").EnumerateArray());
        Assert.Equal(["NoValidAssessment"], await suppliers.GapsAsync(own));

        // Who may import.
        var viewer = await platform.AddMemberAsync(tenant, Contracts.IsmsRoles.Viewer);
        using var asViewer = platform.SupplierApi(viewer.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await asViewer.PostAsync("/api/suppliers/import/assessments", Csv($"supplier_id,title,completed_at,result\n{own},Viewer's,2026-01-01,Approved\n"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asViewer.PostAsync("/api/suppliers/import/certificates", Csv($"supplier_id,kind,issuer,valid_from,valid_until\n{own},Dpa,Viewer,2026-01-01,2027-01-01\n"))).StatusCode);
    }

    [Fact]
    public async Task Exported_certificates_and_assessments_import_back_under_the_same_supplier()
    {
        var tenant = await platform.SupplierTenantAsync("suprecrt");
        using var suppliers = platform.SupplierApi(tenant.Tokens.AccessToken);
        var supplier = (await suppliers.CreateSupplierAsync("Round Trip Records AG", "High")).Id();
        await suppliers.AddCertificateAsync(supplier, "Soc2Type2", new DateOnly(2026, 1, 1), new DateOnly(2027, 6, 30));
        await suppliers.AssessAsync(supplier, "Rejected");
        var certificates = await suppliers.GetStringAsync("/api/suppliers/export/certificates");
        var assessments = await suppliers.GetStringAsync("/api/suppliers/export/assessments");

        Assert.Equal(1, (await suppliers.PostAsync("/api/suppliers/import/certificates", Csv(certificates)).OkJson()).GetProperty("imported").GetInt32());
        Assert.Equal(1, (await suppliers.PostAsync("/api/suppliers/import/assessments", Csv(assessments)).OkJson()).GetProperty("imported").GetInt32());

        var detail = await suppliers.SupplierAsync(supplier);
        var held = detail.GetProperty("certificates").EnumerateArray().ToList();
        Assert.Equal(2, held.Count);
        Assert.All(held, c => Assert.Equal(("Soc2Type2", "2027-06-30"), (c.GetProperty("kind").GetString(), c.GetProperty("validUntil").GetString())));
        var both = detail.GetProperty("assessments").EnumerateArray().ToList();
        Assert.Equal(2, both.Count);
        Assert.All(both, a => Assert.Equal(("Completed", "Rejected"), (a.GetProperty("status").GetString(), a.GetProperty("result").GetString())));
        Assert.Equal(both[0].GetProperty("completedAt").GetDateTimeOffset(), both[1].GetProperty("completedAt").GetDateTimeOffset());
    }
}
