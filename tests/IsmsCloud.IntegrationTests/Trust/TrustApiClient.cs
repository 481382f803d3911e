using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IsmsCloud.Testing;

namespace IsmsCloud.IntegrationTests.Trust;

internal static class TrustApiClient
{
    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>The profile appears once trust-api has consumed the tenant's TenantOnboarded.</summary>
    public static Task<JsonElement> WaitForProfileAsync(this HttpClient trust) =>
        Eventually.ReturnsAsync(async () =>
        {
            var response = await trust.GetAsync("/api/trust/profile");
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
        }, p => p.ValueKind == JsonValueKind.Object, because: "trust-api should create the profile on TenantOnboarded");

    public static async Task<JsonElement> PublishScopeAsync(this HttpClient trust, string[] services, params (string Subject, string Why)[] exclusions)
    {
        var started = await trust.PostAsync("/api/trust/scope/draft", null);
        started.EnsureSuccessStatusCode();
        var draft = await started.Content.ReadFromJsonAsync<JsonElement>();
        var updated = await trust.PutAsJsonAsync("/api/trust/scope/draft", new
        {
            summary = "The ISMS covering the development and operation of our SaaS products.",
            includedServices = services,
            locations = new[] { "Utrecht" },
            teams = new[] { "Engineering" },
            systems = new[] { "Production platform" },
            exclusions = exclusions.Select(e => new { subject = e.Subject, justification = e.Why }).ToArray(),
            version = draft.GetProperty("version").GetUInt32(),
        });
        updated.EnsureSuccessStatusCode();
        var version = (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetUInt32();
        var published = await trust.PostAsJsonAsync("/api/trust/scope/draft/publish", new { version });
        published.EnsureSuccessStatusCode();
        return await published.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> SetProfileAsync(this HttpClient trust, bool portal = true, string[]? services = null, string? contact = "security@example.com")
    {
        var profile = await trust.WaitForProfileAsync();
        var response = await trust.PutAsJsonAsync("/api/trust/profile", new
        {
            companyName = profile.GetProperty("companyName").GetString(),
            summary = "We take security seriously and say exactly what is certified.",
            securityContact = contact,
            portalEnabled = portal,
            showCertificates = true,
            showScope = true,
            showServices = true,
            showDocuments = true,
            publicServices = services ?? [],
            ndaText = (string?)null,
            version = profile.GetProperty("version").GetUInt32(),
        });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> CreateCertificateAsync(
        this HttpClient trust, Guid? scopeVersionId, DateOnly issuedOn, DateOnly expiresOn, string status = "Active", string? number = null)
    {
        var response = await trust.PostAsJsonAsync("/api/trust/certificates", Certificate(scopeVersionId, issuedOn, expiresOn, status, number));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static object Certificate(Guid? scopeVersionId, DateOnly issuedOn, DateOnly expiresOn, string status = "Active", string? number = null, long version = 0) => new
    {
        standard = "ISO/IEC 27001:2022",
        certificationBody = "Example Certification B.V.",
        accreditationBody = "RvA",
        certificateNumber = number ?? $"CERT-{Guid.NewGuid():N}"[..16],
        issuedOn = issuedOn.ToString("yyyy-MM-dd"),
        expiresOn = expiresOn.ToString("yyyy-MM-dd"),
        status,
        scopeVersionId,
        soaVersionNumber = (int?)null,
        version,
    };

    /// <summary>Uploads a document and publishes it on the portal.</summary>
    public static async Task<JsonElement> PublishDocumentAsync(this HttpClient trust, string title, string access, byte[]? content = null)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(title), "title");
        form.Add(new StringContent("For customers' security reviews."), "description");
        form.Add(new StringContent(access), "access");
        var file = new ByteArrayContent(content ?? Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "report.pdf");
        var created = await trust.PostAsync("/api/trust/documents", form);
        created.EnsureSuccessStatusCode();
        var document = await created.Content.ReadFromJsonAsync<JsonElement>();
        var published = await trust.PutAsJsonAsync($"/api/trust/documents/{document.GetProperty("id").GetGuid()}", new
        {
            title, description = "For customers' security reviews.", access, published = true, version = document.GetProperty("version").GetUInt32(),
        });
        published.EnsureSuccessStatusCode();
        return await published.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static DateOnly Today(this ShiftableClock clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
