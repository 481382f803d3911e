using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace IsmsCloud.IntegrationTests;

[Collection(PlatformCollection.Name)]
public sealed class BadInputTests(PlatformFixture platform)
{
    private async Task<HttpClient> RiskAsync() => platform.RiskApi((await platform.OnboardTenantAsync()).Tokens.AccessToken);

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        using var risk = await RiskAsync();

        var response = await risk.PostAsync("/api/risk/risks", new StringContent("{\"title\": \"oops\", ", Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response);
    }

    [Fact]
    public async Task Missing_fields_are_reported_field_by_field()
    {
        using var risk = await RiskAsync();

        var problem = await AssertProblemAsync(await risk.PostAsJsonAsync("/api/risk/risks", new { description = "no title, no owner, no ratings" }));

        // Field names as the JSON spells them (camelCase), the same in every service.
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("title", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("owner", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("inherentLikelihood", out _), errors.ToString());
    }

    [Theory]
    [InlineData(@"\u0000")]
    [InlineData(@"before\u0000after")]
    [InlineData(@"\u0007")]
    [InlineData(@"\u001b[31m")]
    [InlineData(@"\u007f")]
    [InlineData(@"\u0085")]
    public async Task A_control_character_in_a_text_field_is_a_field_error_not_a_500(string escaped)
    {
        using var risk = await RiskAsync();

        var response = await risk.PostAsync("/api/risk/controls",
            new StringContent($"{{\"reference\":\"C-NUL\",\"title\":\"Custom control\",\"guidance\":\"{escaped}\"}}", Encoding.UTF8, "application/json"));

        var errors = (await AssertProblemAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("guidance", out _), errors.ToString());
    }

    [Fact]
    public async Task Tabs_and_line_breaks_are_still_text()
    {
        using var risk = await RiskAsync();

        var response = await risk.PostAsync("/api/risk/controls",
            new StringContent("{\"reference\":\"C-TAB\",\"title\":\"Custom control\",\"guidance\":\"one\\ttwo\\r\\nthree\\n\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_control_character_in_a_nested_list_names_its_path()
    {
        var tenant = await platform.OnboardTenantAsync();
        using var trust = platform.TrustApi(tenant.Tokens.AccessToken);

        var response = await trust.PutAsync("/api/trust/scope/draft", new StringContent(
            "{\"summary\":\"Scope\",\"exclusions\":[{\"subject\":\"Office\",\"justification\":\"Nothing\\u0000here at all\"}],\"version\":0}",
            Encoding.UTF8, "application/json"));

        var errors = (await AssertProblemAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("exclusions[0].justification", out _), errors.ToString());
    }

    [Fact]
    public async Task A_control_character_in_the_query_string_is_a_field_error()
    {
        using var risk = await RiskAsync();

        var errors = (await AssertProblemAsync(await risk.GetAsync("/api/risk/risks?search=a%00b"))).GetProperty("errors");

        Assert.True(errors.TryGetProperty("search", out _), errors.ToString());
    }

    [Fact]
    public async Task A_control_character_in_a_form_field_is_a_field_error_and_nothing_is_stored()
    {
        var tenant = await platform.OnboardTenantAsync();
        using var trust = platform.TrustApi(tenant.Tokens.AccessToken);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("SOC 2\u0000report"), "title" },
            { new StringContent("Public"), "access" },
            { new ByteArrayContent(Trust.TrustApiClient.Pdf), "file", "report.pdf" },
        };

        var errors = (await AssertProblemAsync(await trust.PostAsync("/api/trust/documents", form))).GetProperty("errors");

        Assert.True(errors.TryGetProperty("title", out _), errors.ToString());
        Assert.Equal(0, (await trust.GetFromJsonAsync<JsonElement>("/api/trust/documents")).GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task A_form_larger_than_the_upload_limit_is_a_400_not_a_500()
    {
        // The control-character guard reads forms before the endpoint does; a form over the multipart limit must still
        // be refused as bad input, as the endpoint's own binding refused it.
        var tenant = await platform.OnboardTenantAsync();
        using var trust = platform.TrustApi(tenant.Tokens.AccessToken);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Too big"), "title" },
            { new StringContent("Public"), "access" },
            { new ByteArrayContent(new byte[(int)IsmsCloud.Trust.Files.FileUploads.DefaultMaxBytes + 128 * 1024]), "file", "big.pdf" },
        };

        var response = await trust.PostAsync("/api/trust/documents", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, (await trust.GetFromJsonAsync<JsonElement>("/api/trust/documents")).GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Bad_member_and_invitation_input_is_a_field_error_never_a_500()
    {
        var tenant = await platform.OnboardTenantAsync();
        using var identity = platform.IdentityApi(tenant.Tokens.AccessToken);
        var self = Testing.JwtPayload.Read(tenant.Tokens.AccessToken).GetProperty(Contracts.IsmsClaims.Subject).GetString();

        var cases = new (HttpMethod Method, string Path, string Body, string Field)[]
        {
            (HttpMethod.Post, "/api/identity/invitations", """{"email":"not-an-email","role":"Viewer"}""", "email"),
            (HttpMethod.Post, "/api/identity/invitations", """{"email":"a@b.example","role":"Overlord"}""", "role"),
            (HttpMethod.Post, "/api/identity/invitations", """{"email":"a@b.example"}""", "role"),
            (HttpMethod.Post, "/api/identity/invitations", """{"email":"a@b.example","role":"Auditor","accessEndsAt":"2099-01-01T00:00:00Z"}""", "accessEndsAt"),
            (HttpMethod.Post, "/api/identity/invitations", """{"email":"a@b.example","role":"Auditor","accessEndsAt":"yesterday"}""", "accessEndsAt"),
            (HttpMethod.Post, "/api/identity/invitations", """{"email":"a\u0007@b.example","role":"Viewer"}""", "email"),
            (HttpMethod.Post, "/api/identity/invitations", $$"""{"email":"{{tenant.AdminEmail}}","role":"Viewer"}""", "email"),
            (HttpMethod.Put, $"/api/identity/members/{self}", """{"role":""}""", "role"),
            (HttpMethod.Put, $"/api/identity/members/{self}", """{"role":42}""", "role"),
        };
        foreach (var (method, path, body, field) in cases)
        {
            var response = await identity.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {path} {body}: {(int)response.StatusCode}");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.TryGetProperty("errors", out var errors) && errors.EnumerateObject().Any(e => e.Name.StartsWith(field, StringComparison.OrdinalIgnoreCase)),
                $"{body} names {field}: {problem}");
        }

        foreach (var query in new[] { "status=Gone", "page=0", "pageSize=5000", "role=Overlord", "search=" + new string('x', 300) })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await identity.GetAsync($"/api/identity/members?{query}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await identity.GetAsync("/api/identity/invitations?status=Gone")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await identity.GetAsync("/api/identity/members/not-a-guid")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await identity.DeleteAsync($"/api/identity/invitations/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(0, (await identity.GetFromJsonAsync<JsonElement>("/api/identity/invitations")).GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Identity_api_refuses_control_characters_too()
    {
        using var admin = platform.IdentityApi(await platform.PlatformAdminTokenAsync());

        var body = await AssertProblemAsync(await admin.PostAsync("/api/admin/tenants", new StringContent(
            "{\"name\":\"Bell\\u0007Ltd\",\"slug\":\"bell-ltd\",\"firstAdminEmail\":\"a@bell.example\"}", Encoding.UTF8, "application/json")));
        Assert.True(body.GetProperty("errors").TryGetProperty("name", out _), body.ToString());
        var query = await AssertProblemAsync(await admin.GetAsync("/api/admin/tenants?search=%01"));
        Assert.True(query.GetProperty("errors").TryGetProperty("search", out _), query.ToString());
    }

    [Fact]
    public async Task Over_long_strings_and_out_of_range_ratings_are_400()
    {
        using var risk = await RiskAsync();

        var problem = await AssertProblemAsync(await risk.PostAsJsonAsync("/api/risk/risks",
            RiskApiClient.RiskBody(new string('x', 201), likelihood: 9, impact: 3)));

        var errors = problem.GetProperty("errors").ToString();
        Assert.Contains("itle", errors, StringComparison.Ordinal);
        Assert.Contains("ikelihood", errors, StringComparison.Ordinal);
        Assert.Equal(0, (await risk.GetFromJsonAsync<JsonElement>("/api/risk/risks")).GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task An_unknown_enum_value_is_400()
    {
        using var risk = await RiskAsync();

        await AssertProblemAsync(await risk.GetAsync("/api/risk/risks?sort=Loudest"));
    }

    [Fact]
    public async Task Wrong_json_types_are_400()
    {
        using var risk = await RiskAsync();

        await AssertProblemAsync(await risk.PostAsync("/api/risk/risks",
            new StringContent("{\"title\":\"Valid title\",\"owner\":\"riley.owner@example.com\",\"inherentLikelihood\":\"high\",\"inherentImpact\":3,\"residualLikelihood\":1,\"residualImpact\":1}", Encoding.UTF8, "application/json")));
    }

    [Fact]
    public async Task A_bad_page_size_is_a_field_error()
    {
        using var risk = await RiskAsync();

        var problem = await AssertProblemAsync(await risk.GetAsync("/api/risk/risks?pageSize=5000"));

        Assert.True(problem.GetProperty("errors").TryGetProperty("pageSize", out _));
    }

    [Fact]
    public async Task Onboarding_with_a_bad_or_taken_slug_is_a_field_error()
    {
        using var admin = platform.IdentityApi(await platform.PlatformAdminTokenAsync());
        var existing = await platform.OnboardTenantAsync();

        var bad = await AssertProblemAsync(await admin.PostAsJsonAsync("/api/admin/tenants", new { name = "Bad", slug = "Not A Slug!", firstAdminEmail = "a@b.example" }));
        Assert.True(bad.GetProperty("errors").TryGetProperty("slug", out _));
        var taken = await AssertProblemAsync(await admin.PostAsJsonAsync("/api/admin/tenants", new { name = "Dup", slug = existing.Slug, firstAdminEmail = "a@b.example" }));
        Assert.True(taken.GetProperty("errors").TryGetProperty("slug", out _));
        var noEmail = await AssertProblemAsync(await admin.PostAsJsonAsync("/api/admin/tenants", new { name = "No mail", slug = "no-mail-tenant", firstAdminEmail = "not-an-email" }));
        Assert.Contains("irstAdminEmail", noEmail.GetProperty("errors").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_platform_admins_may_onboard_tenants()
    {
        var tenant = await platform.OnboardTenantAsync();
        using var asTenantAdmin = platform.IdentityApi(tenant.Tokens.AccessToken);

        var response = await asTenantAdmin.PostAsJsonAsync("/api/admin/tenants", new { name = "Sneaky", slug = "sneaky", firstAdminEmail = "s@s.example" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("risk", "/audit-trail?recordId=not-a-guid", "recordId")]
    [InlineData("risk", "/audit-trail?from=2026-13-01", "from")]
    [InlineData("risk", "/audit-trail?from=01/12/2026", "from")]
    [InlineData("risk", "/audit-trail?from=2026-12-02&to=2026-12-01", "to")]
    [InlineData("risk", "/audit-trail?pageSize=0", "pageSize")]
    [InlineData("risk", "/audit-trail?page=0", "page")]
    [InlineData("trust", "/audit-trail?actor=", "")]
    [InlineData("risk", "/audit-trail?to=9999-12-31", "")]
    [InlineData("risk", "/audit-trail/verify?anchorSequence=abc&anchorHash=00", "anchorSequence")]
    [InlineData("risk", "/audit-trail/verify?anchorSequence=0", "anchorSequence")]
    [InlineData("trust", "/audit-trail/verify?anchorSequence=5&anchorHash=xyz", "anchorHash")]
    [InlineData("trust", "/audit-trail/verify?anchorHash=0000000000000000000000000000000000000000000000000000000000000000", "anchorSequence")]
    [InlineData("risk", "/audit-trail/export?format=xml", "format")]
    [InlineData("reporting", "/audit-heads?pageSize=201", "pageSize")]
    public async Task Audit_trail_filters_anchors_and_formats_are_field_errors(string service, string path, string field)
    {
        var tenant = await platform.OnboardTenantAsync();
        using var client = service switch
        {
            "trust" => platform.TrustApi(tenant.Tokens.AccessToken),
            "reporting" => platform.ReportingApi(tenant.Tokens.AccessToken),
            _ => platform.RiskApi(tenant.Tokens.AccessToken),
        };

        var response = await client.GetAsync($"/api/{service}{path}");

        if (field.Length == 0)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode); // an empty filter is no filter
            return;
        }

        var errors = (await AssertProblemAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), errors.ToString());
    }

    [Fact]
    public async Task An_over_long_actor_or_service_filter_is_a_field_error()
    {
        var tenant = await platform.OnboardTenantAsync();
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        using var reporting = platform.ReportingApi(tenant.Tokens.AccessToken);

        var actor = (await AssertProblemAsync(await risk.GetAsync($"/api/risk/audit-trail?actor={new string('a', 201)}"))).GetProperty("errors");
        var service = (await AssertProblemAsync(await reporting.GetAsync($"/api/reporting/audit-heads?service={new string('s', 33)}"))).GetProperty("errors");

        Assert.True(actor.TryGetProperty("actor", out _), actor.ToString());
        Assert.True(service.TryGetProperty("service", out _), service.ToString());
    }

    [Fact]
    public async Task Random_query_strings_on_the_audit_trail_endpoints_never_cause_a_server_error()
    {
        var tenant = await platform.OnboardTenantAsync("fuzz");
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        using var trust = platform.TrustApi(tenant.Tokens.AccessToken);
        using var reporting = platform.ReportingApi(tenant.Tokens.AccessToken);
        (HttpClient Client, string Path)[] targets =
        [
            (risk, "/api/risk/audit-trail"), (risk, "/api/risk/audit-trail/verify"), (risk, "/api/risk/audit-trail/export"),
            (trust, "/api/trust/audit-trail"), (trust, "/api/trust/audit-trail/verify"), (reporting, "/api/reporting/audit-heads"),
        ];
        string[] names = ["page", "pageSize", "recordId", "actor", "from", "to", "anchorSequence", "anchorHash", "format", "service"];
        var value = Gen.OneOf(
            Gen.String, Gen.Long.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)), Gen.Guid.Select(g => g.ToString()),
            Gen.OneOf<string>("", "2026-12-01", "9999-12-31", "0001-01-01", "-1", "1e9", "csv", "JSONL", "risk", new string('f', 64), new string('F', 64), "%00", "%ZZ"));

        await Gen.Select(Gen.Int[0, targets.Length - 1], Gen.Select(Gen.Int[0, names.Length - 1], value).Array[0, 5]).SampleAsync(async t =>
        {
            var (target, pairs) = t;
            var query = string.Join('&', pairs.Select(p => $"{names[p.Item1]}={Uri.EscapeDataString(p.Item2)}"));
            var (client, path) = targets[target];
            var response = await client.GetAsync($"{path}?{query}");
            if ((int)response.StatusCode >= 500)
            {
                throw new InvalidOperationException($"GET {path}?{query} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }, iter: 150, threads: 1);
    }
}
