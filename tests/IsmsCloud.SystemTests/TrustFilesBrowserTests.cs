using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IsmsCloud.Testing;
using Microsoft.Playwright;
using static IsmsCloud.SystemTests.WorkspaceBrowser;

namespace IsmsCloud.SystemTests;

/// <summary>
/// The trust portal's files and records in the workspace, in a tenant of its own (a logo and documents would change the
/// demo portal): a logo uploaded and shown; a certificate's PDF uploaded and downloaded unchanged; a public document's
/// download by an anonymous visitor listed in its download log; a published scope version read with its exclusions.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class TrustFilesBrowserTests(SystemFixture system)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    // A 1 × 1 PNG: trust-api judges an image by its bytes, not by its name.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>trust-api makes the profile when TenantOnboarded arrives: wait for it, then switch the portal on.</summary>
    private static async Task<string> PortalOnAsync(HttpClient api)
    {
        var profile = await Eventually.ReturnsAsync(async () =>
            {
                var response = await api.GetAsync("/api/trust/profile");
                return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
            }, p => p.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(60), "trust-api makes the profile on TenantOnboarded");
        await OkAsync(api.PutAsJsonAsync("/api/trust/profile", new
        {
            companyName = profile.GetProperty("companyName").GetString(), summary = "What we certify, plainly.", securityContact = "security@example.com",
            portalEnabled = true, showCertificates = true, showScope = true, showServices = true, showDocuments = true, publicServices = Array.Empty<string>(),
            ndaText = (string?)null, version = profile.GetProperty("version").GetUInt32(),
        }));
        return profile.GetProperty("slug").GetString()!;
    }

    [Fact]
    public async Task A_manager_uploads_the_logo_and_a_certificates_pdf_reads_a_documents_download_log_and_a_scope_version()
    {
        var (page, _, token) = await NewTenantBrowser.SignedInNewTenantAdminAsync(system, "tfile");
        using var api = SystemFixture.Authorized(token);
        var slug = await PortalOnAsync(api);

        // The logo: uploaded from the profile page, shown there at once (streamed through the web app).
        await GotoInteractiveAsync(page, "/portal/profile");
        await Assertions.Expect(page.GetByTestId("portal-logo")).ToContainTextAsync("No logo yet");
        await ChooseFileAsync(page, page.GetByTestId("logo-upload").GetByRole(AriaRole.Button), "logo.png", "image/png", Png);
        var logo = page.GetByTestId("portal-logo-image");
        await Assertions.Expect(logo).ToBeVisibleAsync();
        var shown = await page.Context.APIRequest.GetAsync(new Uri(new Uri(page.Url), "/" + await logo.GetAttributeAsync("src")).ToString());
        Assert.True(shown.Ok, $"the logo's address answered {shown.Status}: {await shown.TextAsync()}");
        Assert.Equal(Png, await shown.BodyAsync());
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=portal-logo-image]'); return i && i.complete && i.naturalWidth === 1; }");
        using (var visitor = SystemFixture.GatewayClient())
        {
            Assert.Equal(Png, await visitor.GetByteArrayAsync($"/trust/{slug}/logo"));
        }

        // A certificate's PDF: uploaded on its row, downloaded unchanged.
        var number = $"CERT-{Guid.NewGuid():N}"[..14];
        await OkAsync(api.PostAsJsonAsync("/api/trust/certificates", new
        {
            standard = "ISO/IEC 27001:2022", certificationBody = "Example Certification B.V.", accreditationBody = "RvA", certificateNumber = number,
            issuedOn = Today.AddDays(-30), expiresOn = Today.AddYears(2), status = "Active", scopeVersionId = (Guid?)null, soaVersionNumber = (int?)null, version = 0,
        }), HttpStatusCode.Created);
        await GotoInteractiveAsync(page, "/portal/certificates");
        var row = page.Locator($"tr[data-certificate=\"{number}\"]");
        await Assertions.Expect(row.GetByTestId("certificate-file")).ToContainTextAsync("None yet");
        byte[] pdf = [.. "%PDF-1.7\ncertificate of registration\n"u8.ToArray()];
        await ChooseFileAsync(page, row.GetByTestId("certificate-upload").GetByRole(AriaRole.Button), "certificate.pdf", "application/pdf", pdf);
        await Assertions.Expect(row.GetByTestId("certificate-download")).ToHaveTextAsync("certificate.pdf");
        var download = await page.RunAndWaitForDownloadAsync(() => row.GetByTestId("certificate-download").ClickAsync());
        var saved = Path.Combine(Path.GetTempPath(), $"certificate-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(saved);
        Assert.Equal(pdf, await File.ReadAllBytesAsync(saved));
        File.Delete(saved);

        // A public document: an anonymous visitor takes it from the portal, and its download log says so.
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent("Penetration test summary"), "title");
        form.Add(new StringContent("Public"), "access");
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "pentest.pdf");
        var document = await OkAsync(api.PostAsync("/api/trust/documents", form), HttpStatusCode.Created);
        var documentId = document.GetProperty("id").GetGuid();
        await OkAsync(api.PutAsJsonAsync($"/api/trust/documents/{documentId}", new
        {
            title = "Penetration test summary", description = (string?)null, access = "Public", published = true, version = document.GetProperty("version").GetUInt32(),
        }));
        await GotoInteractiveAsync(page, "/portal/documents");
        await page.GetByTestId("document-downloads").ClickAsync();
        await Assertions.Expect(page.GetByTestId("document-downloads-none")).ToBeVisibleAsync();
        await page.GetByTestId("document-downloads-close").ClickAsync();
        using (var visitor = SystemFixture.GatewayClient())
        {
            visitor.DefaultRequestHeaders.UserAgent.ParseAdd("SecurityReviewBot/1.0");
            Assert.Equal(pdf, await visitor.GetByteArrayAsync($"/trust/{slug}/documents/{documentId}"));
        }

        await page.GetByTestId("document-downloads").ClickAsync();
        var entry = page.GetByTestId("document-download");
        await Assertions.Expect(entry).ToHaveCountAsync(1);
        await Assertions.Expect(entry).ToContainTextAsync("Public download");
        await Assertions.Expect(entry).ToContainTextAsync("SecurityReviewBot/1.0");
        await page.GetByTestId("document-downloads-close").ClickAsync();

        // A published scope version reads whole: what it covers, and what it leaves out and why.
        var draft = await OkAsync(api.PostAsync("/api/trust/scope/draft", null), HttpStatusCode.Created);
        var updated = await OkAsync(api.PutAsJsonAsync("/api/trust/scope/draft", new
        {
            summary = "The ISMS of the payroll platform.", includedServices = new[] { "Payroll SaaS" }, locations = new[] { "Utrecht" },
            teams = new[] { "Engineering" }, systems = new[] { "Production platform" },
            exclusions = new[] { new { subject = "Mobile app", justification = "Built by a separate team outside the ISMS." } },
            version = draft.GetProperty("version").GetUInt32(),
        }));
        var published = await OkAsync(api.PostAsJsonAsync("/api/trust/scope/draft/publish", new { version = updated.GetProperty("version").GetUInt32() }));
        var scopeNumber = published.GetProperty("number").GetInt32();
        await GotoInteractiveAsync(page, "/portal/scope");
        await page.GetByTestId($"view-scope-{scopeNumber}").ClickAsync();
        var detail = page.GetByTestId("scope-version-detail");
        await Assertions.Expect(detail).ToContainTextAsync($"Scope version {scopeNumber}");
        await Assertions.Expect(detail).ToContainTextAsync("Payroll SaaS");
        await Assertions.Expect(detail.GetByTestId("scope-version-exclusions")).ToContainTextAsync("Built by a separate team outside the ISMS.");
        await page.Context.CloseAsync();
    }
}
