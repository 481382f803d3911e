using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IsmsCloud.Contracts;

namespace IsmsCloud.IntegrationTests.Trust;

[Collection(PlatformCollection.Name)]
public sealed class TrustApiTests(PlatformFixture platform)
{
    [Fact]
    public async Task Every_endpoint_answers_404_for_another_tenants_ids_and_lists_show_only_ones_own()
    {
        var a = await platform.OnboardTenantAsync("ta");
        var b = await platform.OnboardTenantAsync("tb");
        using var asA = platform.TrustApi(a.Tokens.AccessToken);
        using var asB = platform.TrustApi(b.Tokens.AccessToken);
        await asA.SetProfileAsync();
        await asB.WaitForProfileAsync();
        var scope = await asA.PublishScopeAsync(["Transfer"], ("Consulting", "A separate business unit with its own staff."));
        var scopeId = scope.GetProperty("id").GetGuid();
        var today = platform.TrustClock.Today();
        var certificate = await asA.CreateCertificateAsync(scopeId, today.AddYears(-1), today.AddYears(1));
        var certificateId = certificate.GetProperty("id").GetGuid();
        var document = await asA.PublishDocumentAsync("Pen-test summary", "NdaGated");
        var documentId = document.GetProperty("id").GetGuid();
        await NdaTests.RequestAccessAsync(platform.PortalVisitor(), a.Slug, documentId, "vera@buyer.example");
        var requestId = (await asA.GetFromJsonAsync<JsonElement>("/api/trust/access-requests")).GetProperty("items")[0].GetProperty("id").GetGuid();
        using var upload = new MultipartFormDataContent { { new ByteArrayContent(TrustApiClient.Pdf), "file", "c.pdf" } };

        var probes = new (string Method, string Path, HttpContent? Body)[]
        {
            ("GET", $"/api/trust/scope/versions/{scopeId}", null),
            ("GET", $"/api/trust/certificates/{certificateId}", null),
            ("PUT", $"/api/trust/certificates/{certificateId}", JsonContent.Create(TrustApiClient.Certificate(null, today, today.AddYears(1), version: 1))),
            ("PUT", $"/api/trust/certificates/{certificateId}/file", upload),
            ("GET", $"/api/trust/certificates/{certificateId}/file", null),
            ("DELETE", $"/api/trust/certificates/{certificateId}", null),
            ("GET", $"/api/trust/documents/{documentId}", null),
            ("PUT", $"/api/trust/documents/{documentId}", JsonContent.Create(new { title = "Hijacked", access = "Public", published = true, version = 1 })),
            ("GET", $"/api/trust/documents/{documentId}/downloads", null),
            ("DELETE", $"/api/trust/documents/{documentId}", null),
            ("GET", $"/api/trust/access-requests/{requestId}", null),
            ("POST", $"/api/trust/access-requests/{requestId}/approve", JsonContent.Create(new { version = 0 })),
            ("POST", $"/api/trust/access-requests/{requestId}/reject", JsonContent.Create(new { version = 0 })),
        };
        foreach (var (method, path, body) in probes)
        {
            var response = await asB.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = body });
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path} as another tenant answered {(int)response.StatusCode}");
        }

        // B's lists are empty, and B cannot link A's scope version to its own certificate.
        foreach (var list in new[] { "/api/trust/scope/versions", "/api/trust/certificates", "/api/trust/documents", "/api/trust/access-requests" })
        {
            Assert.Equal(0, (await asB.GetFromJsonAsync<JsonElement>(list)).GetProperty("totalCount").GetInt32());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await asB.GetAsync("/api/trust/scope/draft")).StatusCode);

        // A's logo is A's: B, without one of its own, gets none.
        byte[] png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        using var logo = new MultipartFormDataContent { { new ByteArrayContent(png), "file", "logo.png" } };
        Assert.True((await (await asA.PutAsync("/api/trust/profile/logo", logo)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hasLogo").GetBoolean());
        Assert.Equal(png, await asA.GetByteArrayAsync("/api/trust/profile/logo"));
        Assert.Equal(HttpStatusCode.NotFound, (await asB.GetAsync("/api/trust/profile/logo")).StatusCode);

        var foreignScope = await asB.PostAsJsonAsync("/api/trust/certificates", TrustApiClient.Certificate(scopeId, today, today.AddYears(1)));
        Assert.Equal(HttpStatusCode.BadRequest, foreignScope.StatusCode);

        // A's data is untouched.
        Assert.Equal(1, (await asA.GetFromJsonAsync<JsonElement>("/api/trust/certificates")).GetProperty("totalCount").GetInt32());
        var request = await asA.GetFromJsonAsync<JsonElement>($"/api/trust/access-requests/{requestId}");
        Assert.Equal("Pending", request.GetProperty("status").GetString());
        Assert.Equal("Pen-test summary", (await asA.GetFromJsonAsync<JsonElement>($"/api/trust/documents/{documentId}")).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Published_versions_are_numbered_kept_as_history_and_a_new_draft_starts_from_the_latest()
    {
        var tenant = await platform.OnboardTenantAsync("tv");
        using var trust = platform.TrustApi(tenant.Tokens.AccessToken);
        await trust.WaitForProfileAsync();

        var first = await trust.PublishScopeAsync(["Transfer"], ("Consulting", "A separate business unit with its own staff."));
        var second = await trust.PublishScopeAsync(["Transfer", "Backup"]);

        Assert.Equal(1, first.GetProperty("number").GetInt32());
        Assert.Equal(2, second.GetProperty("number").GetInt32());
        var history = await trust.GetFromJsonAsync<JsonElement>("/api/trust/scope/versions");
        Assert.Equal([2, 1], history.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("number").GetInt32()).ToArray());
        var v1 = await trust.GetFromJsonAsync<JsonElement>($"/api/trust/scope/versions/{first.GetProperty("id").GetGuid()}");
        Assert.Equal<string>(["Transfer"], v1.GetProperty("includedServices").EnumerateArray().Select(s => s.GetString()!).ToArray());
        Assert.Equal("Consulting", v1.GetProperty("exclusions")[0].GetProperty("subject").GetString());

        // A new draft starts as a copy of version 2; the comparison shows what the draft would change.
        var draft = await (await trust.PostAsync("/api/trust/scope/draft", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal<string>(["Transfer", "Backup"], draft.GetProperty("includedServices").EnumerateArray().Select(s => s.GetString()!).ToArray());
        Assert.Equal(HttpStatusCode.Conflict, (await trust.PostAsync("/api/trust/scope/draft", null)).StatusCode);
        await trust.PutAsJsonAsync("/api/trust/scope/draft", new
        {
            summary = "The ISMS covering the development and operation of our SaaS products.",
            includedServices = new[] { "Transfer" },
            exclusions = new[] { new { subject = "Backup", justification = "Sold to another company in 2026." } },
            version = draft.GetProperty("version").GetUInt32(),
        });
        var changes = await trust.GetFromJsonAsync<JsonElement>("/api/trust/scope/draft/changes");
        Assert.Equal(2, changes.GetProperty("comparedWithNumber").GetInt32());
        Assert.Equal("Backup", changes.GetProperty("changes").GetProperty("includedServices").GetProperty("removed")[0].GetString());
        Assert.Equal("Backup", changes.GetProperty("changes").GetProperty("exclusions").GetProperty("added")[0].GetString());
    }

    [Fact]
    public async Task Bad_input_answers_400_problem_details_field_by_field()
    {
        var tenant = await platform.OnboardTenantAsync("tbad");
        using var trust = platform.TrustApi(tenant.Tokens.AccessToken);
        await trust.WaitForProfileAsync();
        var today = platform.TrustClock.Today();
        var draft = await (await trust.PostAsync("/api/trust/scope/draft", null)).Content.ReadFromJsonAsync<JsonElement>();

        await AssertFieldErrorAsync(await trust.PutAsJsonAsync("/api/trust/scope/draft", new
        {
            summary = "x", includedServices = new[] { "Transfer" },
            exclusions = new[] { new { subject = "Consulting", justification = "no" } }, version = draft.GetProperty("version").GetUInt32(),
        }), "exclusions[0].justification");
        await AssertFieldErrorAsync(await trust.PutAsJsonAsync("/api/trust/scope/draft", new
        {
            summary = "x", includedServices = new[] { "Transfer" },
            exclusions = new[] { new { subject = "Transfer", justification = "Both in and out, which cannot be." } }, version = draft.GetProperty("version").GetUInt32(),
        }), "exclusions");
        await AssertFieldErrorAsync(await trust.PostAsJsonAsync("/api/trust/scope/draft/publish", new { version = draft.GetProperty("version").GetUInt32() }), "draft");
        await AssertFieldErrorAsync(await trust.PostAsJsonAsync("/api/trust/certificates",
            TrustApiClient.Certificate(null, today, today.AddDays(-1))), "expiresOn");
        await AssertFieldErrorAsync(await trust.PostAsJsonAsync("/api/trust/certificates",
            TrustApiClient.Certificate(Guid.NewGuid(), today, today.AddYears(1))), "scopeVersionId");
        await AssertFieldErrorAsync(await trust.PostAsJsonAsync("/api/trust/certificates", new { standard = "", certificationBody = "B", certificateNumber = "1", issuedOn = "2026-01-01", expiresOn = "2027-01-01", status = "Active" }), "standard");
        await AssertFieldErrorAsync(await trust.PutAsJsonAsync("/api/trust/profile", new { companyName = "Acme", securityContact = "not-an-address", version = 0 }), "securityContact");

        // Unreadable bodies and unknown enum names are 400 too, never 500.
        var unknownStatus = await trust.PostAsJsonAsync("/api/trust/certificates", new { standard = "ISO", certificationBody = "B", certificateNumber = "12", issuedOn = "2026-01-01", expiresOn = "2027-01-01", status = "Valid" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownStatus.StatusCode);
        var broken = await trust.PostAsync("/api/trust/certificates", new StringContent("{\"standard\":", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal("application/problem+json", broken.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, (await trust.GetAsync("/api/trust/certificates?pageSize=1000")).StatusCode);

        // A file that is not what it claims: an executable named .pdf with a PDF content type.
        using var fake = new MultipartFormDataContent();
        fake.Add(new StringContent("Fake"), "title");
        fake.Add(new StringContent("Public"), "access");
        var exe = new ByteArrayContent([0x4D, 0x5A, 0x90, 0x00, 0x03]);
        exe.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        fake.Add(exe, "file", "report.pdf");
        await AssertFieldErrorAsync(await trust.PostAsync("/api/trust/documents", fake), "file");
        using var noAccess = new MultipartFormDataContent { { new StringContent("Fake"), "title" }, { new StringContent("Secret"), "access" } };
        await AssertFieldErrorAsync(await trust.PostAsync("/api/trust/documents", noAccess), "access");
    }

    [Fact]
    public async Task A_stale_update_answers_409_and_viewers_cannot_write()
    {
        var tenant = await platform.OnboardTenantAsync("tcon");
        using var trust = platform.TrustApi(tenant.Tokens.AccessToken);
        await trust.WaitForProfileAsync();
        var today = platform.TrustClock.Today();
        var certificate = await trust.CreateCertificateAsync(null, today, today.AddYears(1), number: "C-409");
        var id = certificate.GetProperty("id").GetGuid();
        var version = certificate.GetProperty("version").GetUInt32();

        Assert.Equal(HttpStatusCode.OK, (await trust.PutAsJsonAsync($"/api/trust/certificates/{id}", TrustApiClient.Certificate(null, today, today.AddYears(2), "Suspended", "C-409", version))).StatusCode);
        var stale = await trust.PutAsJsonAsync($"/api/trust/certificates/{id}", TrustApiClient.Certificate(null, today, today.AddYears(1), "Active", "C-409", version));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        var stored = await trust.GetFromJsonAsync<JsonElement>($"/api/trust/certificates/{id}");
        Assert.Equal("Suspended", stored.GetProperty("status").GetString());
        Assert.Equal("Suspended", stored.GetProperty("validity").GetString());

        using var identity = platform.IdentityApi(tenant.Tokens.AccessToken);
        var client = await (await identity.PostAsJsonAsync("/api/identity/clients", new { displayName = "Reader", role = IsmsRoles.Viewer }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var viewerToken = (await platform.Oidc().ClientCredentialsAsync(client.GetProperty("clientId").GetString()!, client.GetProperty("clientSecret").GetString()!)).AccessToken;
        using var viewer = platform.TrustApi(viewerToken);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/trust/certificates")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/trust/warnings")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/trust/certificates", TrustApiClient.Certificate(null, today, today.AddYears(1)))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/trust/scope/draft", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await platform.Trust.CreateClient().GetAsync("/api/trust/certificates")).StatusCode);
    }

    [Fact]
    public async Task Warnings_show_where_the_portal_outruns_the_certified_scope()
    {
        var tenant = await platform.OnboardTenantAsync("twarn");
        using var trust = platform.TrustApi(tenant.Tokens.AccessToken);
        await trust.SetProfileAsync(services: ["Transfer", "Consulting"]);
        var v1 = await trust.PublishScopeAsync(["Transfer"], ("Consulting", "A separate business unit with its own staff."));
        var today = platform.TrustClock.Today();
        await trust.CreateCertificateAsync(v1.GetProperty("id").GetGuid(), today.AddYears(-2), today.AddDays(30));
        await trust.PublishScopeAsync(["Transfer", "Backup"]);

        var warnings = await trust.GetFromJsonAsync<JsonElement>("/api/trust/warnings");

        var kinds = warnings.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("kind").GetString()!).Order().ToArray();
        Assert.Equal<string>(["CertificateExpiresSoon", "PublicServiceOutsideScope", "ScopeChangedAfterCertificate"], kinds);
    }

    private static async Task AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400 for {field}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _),
            $"no error for {field} in {errors}");
    }
}
