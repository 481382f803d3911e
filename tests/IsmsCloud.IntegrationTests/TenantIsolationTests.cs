using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace IsmsCloud.IntegrationTests;

[Collection(PlatformCollection.Name)]
public sealed class TenantIsolationTests(PlatformFixture platform)
{
    [Fact]
    public async Task Another_tenants_risk_answers_404_to_read_update_and_delete_and_never_shows_in_lists()
    {
        var a = await platform.OnboardTenantAsync();
        var b = await platform.OnboardTenantAsync();
        using var asA = platform.RiskApi(a.Tokens.AccessToken);
        using var asB = platform.RiskApi(b.Tokens.AccessToken);
        var risk = await asA.CreateRiskAsync("Laptop theft exposes customer data");
        var id = risk.GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await asB.GetAsync($"/api/risk/risks/{id}")).StatusCode);
        var update = await asB.PutAsJsonAsync($"/api/risk/risks/{id}", RiskApiClient.UpdateBody("Hijacked", 1, 1, version: 0));
        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asB.DeleteAsync($"/api/risk/risks/{id}")).StatusCode);
        var listOfB = await asB.GetFromJsonAsync<JsonElement>("/api/risk/risks?search=Laptop");
        Assert.Equal(0, listOfB.GetProperty("totalCount").GetInt32());

        // A's risk is untouched.
        var ofA = await asA.GetFromJsonAsync<JsonElement>($"/api/risk/risks/{id}");
        Assert.Equal("Laptop theft exposes customer data", ofA.GetProperty("risk").GetProperty("title").GetString());
        Assert.Equal(1, (await asA.GetFromJsonAsync<JsonElement>("/api/risk/risks")).GetProperty("totalCount").GetInt32());
        Assert.Equal(1, (await asA.GetFromJsonAsync<JsonElement>("/api/risk/risks?search=laptop%20THEFT")).GetProperty("totalCount").GetInt32());
        Assert.Equal(0, (await asA.GetFromJsonAsync<JsonElement>("/api/risk/risks?search=100%25")).GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task A_risk_created_in_risk_api_is_counted_by_reporting_for_its_tenant_only()
    {
        var a = await platform.OnboardTenantAsync();
        var b = await platform.OnboardTenantAsync();
        using var riskA = platform.RiskApi(a.Tokens.AccessToken);
        using var reportingA = platform.ReportingApi(a.Tokens.AccessToken);
        using var reportingB = platform.ReportingApi(b.Tokens.AccessToken);

        await riskA.CreateRiskAsync("Ransomware on file shares", likelihood: 4, impact: 5);
        await riskA.CreateRiskAsync("Phishing of finance staff", likelihood: 2, impact: 2);

        var count = await Testing.Eventually.ReturnsAsync(reportingA.RiskCountAsync, n => n == 2, because: "reporting should count A's two risks");
        Assert.Equal(2, count);
        var summary = await reportingA.GetFromJsonAsync<JsonElement>("/api/reporting/risk-summary");
        Assert.Equal(1, summary.GetProperty("byBand").GetProperty("Critical").GetInt32());
        Assert.Equal(1, summary.GetProperty("byBand").GetProperty("Low").GetInt32());
        Assert.Equal(0, await reportingB.RiskCountAsync());
    }

    [Fact]
    public async Task Another_tenants_members_and_invitations_answer_404_and_never_show_in_lists()
    {
        var a = await platform.OnboardTenantAsync();
        var b = await platform.OnboardTenantAsync();
        var memberOfA = await platform.AddMemberAsync(a, Contracts.IsmsRoles.Viewer);
        var memberId = Testing.JwtPayload.Read(memberOfA.AccessToken).GetProperty(Contracts.IsmsClaims.Subject).GetString();
        await platform.InviteAsync(a, "pending@isolation.example", Contracts.IsmsRoles.Viewer);
        using var asA = platform.IdentityApi(a.Tokens.AccessToken);
        using var asB = platform.IdentityApi(b.Tokens.AccessToken);
        var invitationId = (await asA.GetFromJsonAsync<JsonElement>("/api/identity/invitations")).GetProperty("items")[0].GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await asB.GetAsync($"/api/identity/members/{memberId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asB.PutAsJsonAsync($"/api/identity/members/{memberId}", new { role = "TenantAdmin" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asB.PostAsync($"/api/identity/members/{memberId}/suspend", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asB.PostAsync($"/api/identity/members/{memberId}/reactivate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asB.DeleteAsync($"/api/identity/members/{memberId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asB.PostAsync($"/api/identity/invitations/{invitationId}/resend", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asB.DeleteAsync($"/api/identity/invitations/{invitationId}")).StatusCode);
        var membersOfB = await asB.GetFromJsonAsync<JsonElement>("/api/identity/members?pageSize=200");
        Assert.DoesNotContain(membersOfB.GetProperty("items").EnumerateArray(), m => m.GetProperty("userId").GetString() == memberId);
        Assert.Equal(0, (await asB.GetFromJsonAsync<JsonElement>("/api/identity/invitations")).GetProperty("totalCount").GetInt32());

        // A's member and invitation are untouched; a member who is no admin cannot manage members at all.
        Assert.Equal("Viewer", (await asA.GetFromJsonAsync<JsonElement>($"/api/identity/members/{memberId}")).GetProperty("role").GetString());
        Assert.Equal(1, (await asA.GetFromJsonAsync<JsonElement>("/api/identity/invitations")).GetProperty("totalCount").GetInt32());
        using var viewer = platform.IdentityApi(memberOfA.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/identity/invitations", new { email = "x@y.example", role = "TenantAdmin" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/identity/members")).StatusCode);
    }

    [Fact]
    public async Task Every_supplier_endpoint_answers_404_for_another_tenants_ids_and_lists_and_exports_show_nothing_of_it()
    {
        var a = await Suppliers.SupplierApiClient.SupplierTenantAsync(platform, "supiso-a");
        var b = await Suppliers.SupplierApiClient.SupplierTenantAsync(platform, "supiso-b");
        using var asA = platform.SupplierApi(a.Tokens.AccessToken);
        using var asB = platform.SupplierApi(b.Tokens.AccessToken);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var supplier = (await Suppliers.SupplierApiClient.CreateSupplierAsync(asA, "Secret supplier of A", "Critical")).GetProperty("id").GetGuid();
        var certificate = (await Suppliers.SupplierApiClient.AddCertificateAsync(asA, supplier, "Iso27001", today.AddYears(-1), today.AddYears(1))).GetProperty("id").GetGuid();
        var assessment = (await (await asA.PostAsJsonAsync($"/api/suppliers/{supplier}/assessments", new { title = "A's review" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var template = (await (await asA.PostAsJsonAsync("/api/suppliers/questionnaire-templates", new
        {
            name = "A's questionnaire", questions = new[] { new { text = "Secret question of A?", type = "YesNo" } },
        })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var pdf = new MultipartFormDataContent { { new ByteArrayContent(Trust.TrustApiClient.Pdf), "file", "a.pdf" } };
        Assert.Equal(HttpStatusCode.OK, (await asA.PutAsync($"/api/suppliers/{supplier}/certificates/{certificate}/file", pdf)).StatusCode);
        var accessBody = new { system = "A's secret system", account = "a-admin", since = "2026-01-01", privileged = true };
        var access = (await (await asA.PostAsJsonAsync($"/api/suppliers/{supplier}/access", accessBody)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var supplierOfB = (await Suppliers.SupplierApiClient.CreateSupplierAsync(asB, "B's own supplier")).GetProperty("id").GetGuid();

        var body = Suppliers.SupplierApiClient.SupplierBody("Hijacked");
        var certificateBody = new { kind = "Soc2Type1", issuer = "Hijack", validFrom = "2026-01-01", validUntil = "2027-01-01" };
        var calls = new (string What, Func<Task<HttpResponseMessage>> Call)[]
        {
            ("get", () => asB.GetAsync($"/api/suppliers/{supplier}")),
            ("tree", () => asB.GetAsync($"/api/suppliers/{supplier}/tree")),
            ("update", () => asB.PutAsJsonAsync($"/api/suppliers/{supplier}", body)),
            ("material change", () => asB.PostAsJsonAsync($"/api/suppliers/{supplier}/material-changes", new { kinds = new[] { "NewService" } })),
            ("delete", () => asB.DeleteAsync($"/api/suppliers/{supplier}")),
            ("certificates", () => asB.GetAsync($"/api/suppliers/{supplier}/certificates")),
            ("add certificate", () => asB.PostAsJsonAsync($"/api/suppliers/{supplier}/certificates", certificateBody)),
            ("update certificate", () => asB.PutAsJsonAsync($"/api/suppliers/{supplier}/certificates/{certificate}", certificateBody)),
            ("delete certificate", () => asB.DeleteAsync($"/api/suppliers/{supplier}/certificates/{certificate}")),
            ("download file", () => asB.GetAsync($"/api/suppliers/{supplier}/certificates/{certificate}/file")),
            ("upload file", () => asB.PutAsync($"/api/suppliers/{supplier}/certificates/{certificate}/file",
                new MultipartFormDataContent { { new ByteArrayContent(Trust.TrustApiClient.Pdf), "file", "b.pdf" } })),
            ("access", () => asB.GetAsync($"/api/suppliers/{supplier}/access")),
            ("add access", () => asB.PostAsJsonAsync($"/api/suppliers/{supplier}/access", accessBody)),
            ("update access", () => asB.PutAsJsonAsync($"/api/suppliers/{supplier}/access/{access}", accessBody)),
            ("delete access", () => asB.DeleteAsync($"/api/suppliers/{supplier}/access/{access}")),
            ("A's access under B's supplier", () => asB.PutAsJsonAsync($"/api/suppliers/{supplierOfB}/access/{access}", accessBody)),
            ("delete A's access under B's supplier", () => asB.DeleteAsync($"/api/suppliers/{supplierOfB}/access/{access}")),
            ("assessments", () => asB.GetAsync($"/api/suppliers/{supplier}/assessments")),
            ("start assessment", () => asB.PostAsJsonAsync($"/api/suppliers/{supplier}/assessments", new { title = "B's review" })),
            ("get assessment", () => asB.GetAsync($"/api/suppliers/assessments/{assessment}")),
            ("complete assessment", () => asB.PostAsJsonAsync($"/api/suppliers/assessments/{assessment}/complete", new { result = "Approved" })),
            ("cancel assessment", () => asB.PostAsync($"/api/suppliers/assessments/{assessment}/cancel", null)),
            ("get template", () => asB.GetAsync($"/api/suppliers/questionnaire-templates/{template}")),
            ("update template", () => asB.PutAsJsonAsync($"/api/suppliers/questionnaire-templates/{template}", new { name = "Hijacked", questions = new[] { new { text = "Hijack?", type = "YesNo" } } })),
            ("delete template", () => asB.DeleteAsync($"/api/suppliers/questionnaire-templates/{template}")),
            ("send questionnaire", () => asB.PostAsJsonAsync($"/api/suppliers/{supplier}/questionnaires", new { templateId = template, contactEmail = "x@y.example" })),
            ("send back", () => asB.PostAsJsonAsync($"/api/suppliers/assessments/{assessment}/send-back", new { note = "Hijacked note" })),
            ("new link", () => asB.PostAsync($"/api/suppliers/assessments/{assessment}/link", null)),
            ("revoke link", () => asB.PostAsync($"/api/suppliers/assessments/{assessment}/revoke-link", null)),
            ("answer file", () => asB.GetAsync($"/api/suppliers/assessments/{assessment}/files/q1")),
            ("sub-processor under A's", () => asB.PostAsJsonAsync("/api/suppliers", Suppliers.SupplierApiClient.SupplierBody("B's child", parentSupplierId: supplier))),
            ("sub-processor import under A's", () => asB.PostAsync("/api/suppliers/import/suppliers", new StringContent(
                $"legal_name,owner,parent_supplier_id\nB's imported child,{RiskApiClient.Owner},{supplier}\n", System.Text.Encoding.UTF8, "text/csv"))),
            ("import: a certificate of A's supplier", () => asB.PostAsync("/api/suppliers/import/certificates", new StringContent(
                $"supplier_id,kind,issuer,valid_from,valid_until\n{supplier},Iso27001,B's issuer,2026-01-01,2028-12-31\n", System.Text.Encoding.UTF8, "text/csv"))),
            ("import: an assessment of A's supplier", () => asB.PostAsync("/api/suppliers/import/assessments", new StringContent(
                $"supplier_id,title,result,completed_at\n{supplier},B's review,Approved,2026-01-01\n", System.Text.Encoding.UTF8, "text/csv"))),
        };
        foreach (var (what, call) in calls)
        {
            var status = (await call()).StatusCode;
            // Creating under A's supplier names a parent B cannot see: the field is refused as unknown, like a made-up id.
            // So is an import's row naming A's supplier.
            var namesAsField = what.StartsWith("sub-processor", StringComparison.Ordinal) || what.StartsWith("import:", StringComparison.Ordinal);
            Assert.True(status == (namesAsField ? HttpStatusCode.BadRequest : HttpStatusCode.NotFound), $"{what}: {status}");
        }

        foreach (var list in new[] { "/api/suppliers", "/api/suppliers?withGaps=true", "/api/suppliers?search=Secret", $"/api/suppliers?parentId={supplier}" })
        {
            // B sees only its own supplier (High and unassessed, so it has a gap), never A's.
            var page = await asB.GetFromJsonAsync<JsonElement>(list);
            Assert.Equal(list.Contains("search") || list.Contains("parentId") ? 0 : 1, page.GetProperty("totalCount").GetInt32());
            Assert.DoesNotContain(supplier.ToString(), page.ToString(), StringComparison.Ordinal);
        }

        // The assessments across suppliers (My work's questionnaires): B has none, whether its own or by "me".
        foreach (var list in new[] { "/api/suppliers/assessments", "/api/suppliers/assessments?owner=me", $"/api/suppliers/assessments?owner={RiskApiClient.Owner}" })
        {
            var page = await asB.GetFromJsonAsync<JsonElement>(list);
            Assert.Equal(0, page.GetProperty("totalCount").GetInt32());
            Assert.DoesNotContain(assessment.ToString(), page.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(1, (await asA.GetFromJsonAsync<JsonElement>("/api/suppliers/assessments?owner=me")).GetProperty("totalCount").GetInt32());
        Assert.Empty((await asB.GetFromJsonAsync<JsonElement>($"/api/suppliers/{supplierOfB}/access")).EnumerateArray());
        foreach (var register in new[] { "suppliers", "certificates", "assessments", "access" })
        {
            var exported = await asB.GetStringAsync($"/api/suppliers/export/{register}");
            Assert.DoesNotContain(supplier.ToString(), exported, StringComparison.Ordinal);
            Assert.DoesNotContain("A's secret system", exported, StringComparison.Ordinal);
        }

        Assert.Single((await asA.GetFromJsonAsync<JsonElement>($"/api/suppliers/{supplier}/access")).EnumerateArray());

        Assert.DoesNotContain("Secret", await asB.GetStringAsync("/api/suppliers/questionnaire-templates"), StringComparison.Ordinal);

        using var platformAdmin = platform.SupplierApi(await platform.PlatformAdminTokenAsync());
        var exportOfB = await platformAdmin.GetByteArrayAsync($"/api/suppliers/admin/tenants/{b.TenantId}/export");
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(exportOfB)))
        {
            var everything = string.Join('\n', zip.Entries.Select(e => new StreamReader(e.Open()).ReadToEnd()));
            Assert.DoesNotContain("Secret supplier of A", everything, StringComparison.Ordinal);
            Assert.DoesNotContain(a.TenantId.ToString(), everything, StringComparison.Ordinal);
        }

        // A's records are untouched.
        var ofA = await asA.GetFromJsonAsync<JsonElement>($"/api/suppliers/{supplier}");
        Assert.Equal("Secret supplier of A", ofA.GetProperty("supplier").GetProperty("legalName").GetString());
        Assert.Equal(1, ofA.GetProperty("certificates").GetArrayLength());
        Assert.Equal("InProgress", Assert.Single(ofA.GetProperty("assessments").EnumerateArray()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_stale_update_answers_409()
    {
        var a = await platform.OnboardTenantAsync();
        using var asA = platform.RiskApi(a.Tokens.AccessToken);
        var risk = await asA.CreateRiskAsync("Backup restore never tested");
        var id = risk.GetProperty("id").GetGuid();
        var version = risk.GetProperty("version").GetUInt32();

        var first = await asA.PutAsJsonAsync($"/api/risk/risks/{id}", RiskApiClient.UpdateBody("Backup restore never tested", 4, 4, version));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var stale = await asA.PutAsJsonAsync($"/api/risk/risks/{id}", RiskApiClient.UpdateBody("Someone else's edit", 1, 1, version));

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.Equal(16, (await asA.GetFromJsonAsync<JsonElement>($"/api/risk/risks/{id}")).GetProperty("risk").GetProperty("residualScore").GetInt32());
    }

    [Fact]
    public async Task Another_tenants_audit_trail_is_never_visible_in_the_trail_its_filters_verify_export_or_heads()
    {
        var a = await platform.OnboardTenantAsync("trail-a");
        var b = await platform.OnboardTenantAsync("trail-b");
        using var riskA = platform.RiskApi(a.Tokens.AccessToken);
        using var riskB = platform.RiskApi(b.Tokens.AccessToken);
        using var trustA = platform.TrustApi(a.Tokens.AccessToken);
        using var trustB = platform.TrustApi(b.Tokens.AccessToken);
        using var reportingB = platform.ReportingApi(b.Tokens.AccessToken);
        await Suppliers.SupplierApiClient.ReadyForAsync(platform, a);
        await Suppliers.SupplierApiClient.ReadyForAsync(platform, b);
        using var suppliersA = platform.SupplierApi(a.Tokens.AccessToken);
        using var suppliersB = platform.SupplierApi(b.Tokens.AccessToken);
        await Suppliers.SupplierApiClient.CreateSupplierAsync(suppliersA, "Secret supplier of A");
        await Suppliers.SupplierApiClient.CreateSupplierAsync(suppliersB, "B's own supplier");
        await Risk.RiskTestKit.ControlsAsync(riskA);
        await Risk.RiskTestKit.ControlsAsync(riskB);
        var secret = (await riskA.CreateRiskAsync("Secret risk of A")).GetProperty("id").GetGuid();
        await Trust.TrustApiClient.SetProfileAsync(trustA, services: ["Secret service of A"]);
        await Trust.TrustApiClient.WaitForProfileAsync(trustB);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var headOfA = await platform.Risk.Services.GetRequiredService<IsmsCloud.BuildingBlocks.Audit.AuditHeadPublisher>().PublishAsync(a.TenantId, today, CancellationToken.None);
        using var reportingA = platform.ReportingApi(a.Tokens.AccessToken);
        await Testing.Eventually.ReturnsAsync(() => reportingA.GetFromJsonAsync<JsonElement>("/api/reporting/audit-heads"),
            h => h.GetProperty("totalCount").GetInt32() == 1, because: "reporting keeps A's head");

        using var auditB = platform.AuditApi(b.Tokens.AccessToken);
        foreach (var (service, ofB) in new[] { ("risk", riskB), ("trust", trustB), ("audit", auditB), ("suppliers", suppliersB) })
        {
            var trail = await ofB.GetStringAsync($"/api/{service}/audit-trail?pageSize=200");
            Assert.DoesNotContain("Secret", trail, StringComparison.Ordinal);
            Assert.DoesNotContain(a.TenantId.ToString(), trail, StringComparison.Ordinal);
            var filtered = await ofB.GetFromJsonAsync<JsonElement>($"/api/{service}/audit-trail?recordId={secret}");
            Assert.Equal(0, filtered.GetProperty("totalCount").GetInt32());
            var subjectOfA = Testing.JwtPayload.Read(a.Tokens.AccessToken).GetProperty("sub").GetString();
            Assert.Equal(0, (await ofB.GetFromJsonAsync<JsonElement>($"/api/{service}/audit-trail?actor={subjectOfA}")).GetProperty("totalCount").GetInt32());
            var export = await ofB.GetStringAsync($"/api/{service}/audit-trail/export");
            Assert.DoesNotContain("Secret", export, StringComparison.Ordinal);
            Assert.DoesNotContain(a.TenantId.ToString(), export, StringComparison.Ordinal);
            var verified = await ofB.GetFromJsonAsync<JsonElement>($"/api/{service}/audit-trail/verify");
            Assert.True(verified.GetProperty("intact").GetBoolean());
            Assert.Equal(export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, verified.GetProperty("headSequence").GetInt64());
        }

        // A's head, given to B's chain as an anchor, is simply not B's history.
        var anchored = await riskB.GetFromJsonAsync<JsonElement>($"/api/risk/audit-trail/verify?anchorSequence={headOfA!.Sequence}&anchorHash={headOfA.Hash}");
        Assert.False(anchored.GetProperty("intact").GetBoolean());
        var heads = await reportingB.GetStringAsync("/api/reporting/audit-heads");
        Assert.DoesNotContain(headOfA.Hash, heads, StringComparison.Ordinal);
        Assert.Contains("\"totalCount\":0", heads, StringComparison.Ordinal);
    }
}
