using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace IsmsCloud.IntegrationTests.Trust;

[Collection(PlatformCollection.Name)]
public sealed class NdaTests(PlatformFixture platform)
{
    /// <summary>Fills in the portal's request form as a visitor would (the visitor never learns the request's id).</summary>
    internal static async Task RequestAccessAsync(HttpClient visitor, string slug, Guid documentId, string email)
    {
        var response = await visitor.PostAsync($"/trust/{slug}/documents/{documentId}/request", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = "Vera Visitor", ["company"] = "Buyer Ltd", ["email"] = email, ["acceptNda"] = "true",
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Request received", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_approved_link_works_for_one_visitor_records_every_download_and_expires()
    {
        var tenant = await platform.OnboardTenantAsync("nda");
        using var trust = platform.TrustApi(tenant.Tokens.AccessToken);
        await trust.SetProfileAsync();
        var document = await trust.PublishDocumentAsync("Penetration test report", "NdaGated");
        var documentId = document.GetProperty("id").GetGuid();
        using var vera = platform.PortalVisitor();

        // The portal lists the document behind a request form; a direct download is not possible.
        Assert.Contains($"/trust/{tenant.Slug}/documents/{documentId}/request", await vera.GetStringAsync($"/trust/{tenant.Slug}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await vera.GetAsync($"/trust/{tenant.Slug}/documents/{documentId}")).StatusCode);
        var form = await vera.GetStringAsync($"/trust/{tenant.Slug}/documents/{documentId}/request");
        Assert.Contains("non-disclosure agreement", form, StringComparison.Ordinal);
        var refused = await vera.PostAsync($"/trust/{tenant.Slug}/documents/{documentId}/request", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = "Vera", ["company"] = "Buyer Ltd", ["email"] = "not-an-address",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusal = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Enter a valid e-mail address.", refusal, StringComparison.Ordinal);
        Assert.Contains("Accept the non-disclosure agreement", refusal, StringComparison.Ordinal);

        await RequestAccessAsync(vera, tenant.Slug, documentId, "vera@buyer.example");
        var pending = await trust.GetFromJsonAsync<JsonElement>("/api/trust/access-requests?status=Pending");
        var request = Assert.Single(pending.GetProperty("items").EnumerateArray());
        Assert.Equal("vera@buyer.example", request.GetProperty("email").GetString());
        Assert.Contains("keep the documents I receive confidential", request.GetProperty("acceptedNdaText").GetString(), StringComparison.Ordinal);
        var requestId = request.GetProperty("id").GetGuid();

        var approval = await trust.PostAsJsonAsync($"/api/trust/access-requests/{requestId}/approve", new { note = "Customer due diligence", version = request.GetProperty("version").GetUInt32() });
        Assert.Equal(HttpStatusCode.OK, approval.StatusCode);
        var approved = await approval.Content.ReadFromJsonAsync<JsonElement>();
        var link = approved.GetProperty("downloadPath").GetString()!;
        Assert.Equal(HttpStatusCode.Conflict, (await trust.PostAsJsonAsync($"/api/trust/access-requests/{requestId}/approve", new { version = 1 })).StatusCode);

        // A wrong e-mail does not bind the link; the right one binds it to Vera's browser.
        var wrong = await vera.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "someone@else.example" }));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await vera.GetAsync($"{link}/download")).StatusCode);
        var bind = await vera.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "Vera@Buyer.example" }));
        Assert.Equal(HttpStatusCode.Redirect, bind.StatusCode);
        Assert.Contains("download", await vera.GetStringAsync(link), StringComparison.Ordinal);
        var download = await vera.GetAsync($"{link}/download");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TrustApiClient.Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, (await vera.GetAsync($"{link}/download")).StatusCode);

        // Forwarded to a colleague: another browser is refused, even knowing Vera's address.
        using var colleague = platform.PortalVisitor();
        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.GetAsync($"{link}/download")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "vera@buyer.example" }))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync($"/trust/{tenant.Slug}/access/made-up-token")).StatusCode);

        var downloads = await trust.GetFromJsonAsync<JsonElement>($"/api/trust/documents/{documentId}/downloads");
        Assert.Equal(2, downloads.GetProperty("totalCount").GetInt32());
        Assert.All(downloads.GetProperty("items").EnumerateArray(), d =>
        {
            Assert.Equal("vera@buyer.example", d.GetProperty("email").GetString());
            Assert.Equal(requestId, d.GetProperty("accessRequestId").GetGuid());
        });
        Assert.True((await trust.GetFromJsonAsync<JsonElement>($"/api/trust/access-requests/{requestId}")).GetProperty("linkUsed").GetBoolean());

        try
        {
            platform.TrustClock.Offset = TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1);
            Assert.Equal(HttpStatusCode.Gone, (await vera.GetAsync($"{link}/download")).StatusCode);
            Assert.Equal(HttpStatusCode.Gone, (await vera.GetAsync(link)).StatusCode);
        }
        finally
        {
            platform.TrustClock.Offset = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task A_rejected_request_gets_no_link_and_public_documents_download_directly()
    {
        var tenant = await platform.OnboardTenantAsync("ndr");
        using var trust = platform.TrustApi(tenant.Tokens.AccessToken);
        await trust.SetProfileAsync();
        var gated = await trust.PublishDocumentAsync("SOC 2 report", "NdaGated");
        var open = await trust.PublishDocumentAsync("Security whitepaper", "Public");
        using var visitor = platform.PortalVisitor();
        await RequestAccessAsync(visitor, tenant.Slug, gated.GetProperty("id").GetGuid(), "mallory@competitor.example");
        var request = (await trust.GetFromJsonAsync<JsonElement>("/api/trust/access-requests")).GetProperty("items")[0];

        var rejected = await trust.PostAsJsonAsync($"/api/trust/access-requests/{request.GetProperty("id").GetGuid()}/reject", new { note = "Competitor", version = request.GetProperty("version").GetUInt32() });

        Assert.Equal("Rejected", (await rejected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var file = await visitor.GetAsync($"/trust/{tenant.Slug}/documents/{open.GetProperty("id").GetGuid()}");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(TrustApiClient.Pdf, await file.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, (await trust.GetFromJsonAsync<JsonElement>($"/api/trust/documents/{open.GetProperty("id").GetGuid()}/downloads")).GetProperty("totalCount").GetInt32());
    }
}
