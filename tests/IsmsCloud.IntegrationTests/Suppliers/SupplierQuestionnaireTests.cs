using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IsmsCloud.IntegrationTests.Risk;
using IsmsCloud.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IsmsCloud.IntegrationTests.Suppliers;

/// <summary>A questionnaire answered by the supplier through a link, without an account, then reviewed by the tenant.</summary>
[Collection(PlatformCollection.Name)]
public sealed class SupplierQuestionnaireTests(PlatformFixture platform)
{
    private static readonly object Questions = new object[]
    {
        new { id = "iso", text = "Do you hold an ISO/IEC 27001 certificate?", type = "YesNo", required = true },
        new { id = "hosting", text = "Where is our data hosted?", type = "Choice", choices = new[] { "EU", "US", "Elsewhere" }, required = true },
        new { id = "pentest", text = "When was your last penetration test?", type = "Date", required = false },
        new { id = "report", text = "Attach your latest SOC 2 report", type = "File", required = false },
        new { id = "notes", text = "Anything else we should know?", type = "Text", required = false },
    };

    private HttpClient Visitor() => platform.Suppliers.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<(Guid TemplateId, Guid Supplier)> PrepareAsync(HttpClient suppliers, string name = "Questioned Supplier")
    {
        var template = await suppliers.PostAsJsonAsync("/api/suppliers/questionnaire-templates", new { name = "Security questionnaire", questions = Questions }).OkJson(HttpStatusCode.Created);
        var supplier = await suppliers.CreateSupplierAsync(name, "Critical");
        return (template.Id(), supplier.Id());
    }

    private static Task<JsonElement> SendAsync(HttpClient suppliers, Guid supplier, Guid template) =>
        suppliers.PostAsJsonAsync($"/api/suppliers/{supplier}/questionnaires", new { templateId = template, contactEmail = "security@supplier.example" }).OkJson(HttpStatusCode.Created);

    /// <summary>Opens the link like a browser: the token is traded for a cookie, and the page is at an address without it.</summary>
    private static async Task<string> OpenAsync(HttpClient visitor, string linkPath)
    {
        var traded = await visitor.GetAsync(linkPath);
        Assert.Equal(HttpStatusCode.SeeOther, traded.StatusCode);
        var location = traded.Headers.Location!.ToString();
        Assert.DoesNotContain(linkPath.Split('/')[^1], location, StringComparison.Ordinal);
        return location;
    }

    private static MultipartFormDataContent Answers(string action, params (string Field, string Value)[] values)
    {
        var form = new MultipartFormDataContent { { new StringContent(action), "action" } };
        foreach (var (field, value) in values)
        {
            form.Add(new StringContent(value), field);
        }

        return form;
    }

    [Fact]
    public async Task The_supplier_answers_saves_a_draft_attaches_a_file_and_submits_through_the_link_and_the_manager_completes_it()
    {
        var tenant = await platform.SupplierTenantAsync("supq");
        using var suppliers = platform.SupplierApi(tenant.Tokens.AccessToken);
        var (template, supplier) = await PrepareAsync(suppliers);
        var sent = await SendAsync(suppliers, supplier, template);
        var linkPath = sent.GetProperty("linkPath").GetString()!;
        var assessment = sent.GetProperty("assessment").Id();
        Assert.StartsWith("/questionnaires/t/", linkPath, StringComparison.Ordinal);
        using var visitor = Visitor();

        var traded = await visitor.GetAsync(linkPath);
        Assert.Equal(HttpStatusCode.SeeOther, traded.StatusCode);
        Assert.Equal("no-store", traded.Headers.CacheControl?.ToString());
        Assert.Equal("no-referrer", traded.Headers.GetValues("Referrer-Policy").Single());
        var cookie = traded.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        var page = traded.Headers.Location!.ToString();
        Assert.Contains($"path={page}", cookie, StringComparison.OrdinalIgnoreCase);

        var form = await visitor.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal("no-referrer", form.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("no-store", form.Headers.CacheControl?.ToString());
        var html = await form.Content.ReadAsStringAsync();
        Assert.Contains("Where is our data hosted?", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);

        // A draft with a wrong choice is refused field by field; a good one is kept, the file through the upload pipeline.
        var wrong = await visitor.PostAsync(page, Answers("draft", ("q_hosting", "Mars")));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("Choose one of the options.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using (var draft = Answers("draft", ("q_iso", "Yes"), ("q_pentest", "2026-10-01")))
        {
            draft.Add(new ByteArrayContent(Trust.TrustApiClient.Pdf), "q_report", "soc2.pdf");
            var saved = await visitor.PostAsync(page, draft);
            Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        }

        Assert.Contains("Your draft is saved.", await visitor.GetStringAsync($"{page}?saved=1"), StringComparison.Ordinal);
        var incomplete = await visitor.PostAsync(page, Answers("submit"));
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        var submitted = await visitor.PostAsync(page, Answers("submit", ("q_hosting", "EU"), ("q_notes", "We use <b>two</b> regions.")));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);

        // Submitted: the page and the token answer 409 from now on.
        Assert.Equal(HttpStatusCode.Conflict, (await visitor.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Visitor().GetAsync(linkPath)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await visitor.PostAsync(page, Answers("draft", ("q_iso", "No")))).StatusCode);

        var review = await suppliers.GetFromJsonAsync<JsonElement>($"/api/suppliers/assessments/{assessment}");
        Assert.Equal("Submitted", review.GetProperty("status").GetString());
        var answers = review.GetProperty("answers");
        Assert.Equal("Yes", answers.GetProperty("iso").GetString());
        Assert.Equal("EU", answers.GetProperty("hosting").GetString());
        Assert.Equal("We use <b>two</b> regions.", answers.GetProperty("notes").GetString());
        Assert.Equal(Trust.TrustApiClient.Pdf, await suppliers.GetByteArrayAsync($"/api/suppliers/assessments/{assessment}/files/report"));

        Assert.Equal(["NoValidAssessment"], await suppliers.GapsAsync(supplier));
        await suppliers.PostAsJsonAsync($"/api/suppliers/assessments/{assessment}/complete", new
        {
            result = "ApprovedWithConditions", residualRiskNote = "Residual risk low.", conditions = new[] { "Share the 2027 pentest report" },
            version = review.GetProperty("version").GetUInt32(),
        }).OkJson();
        Assert.Empty(await suppliers.GapsAsync(supplier));
    }

    [Fact]
    public async Task Unknown_tokens_answer_404_revoked_superseded_and_expired_ones_410_and_a_link_never_opens_another()
    {
        var tenant = await platform.SupplierTenantAsync("supql");
        var other = await platform.SupplierTenantAsync("supqo");
        using var suppliers = platform.SupplierApi(tenant.Tokens.AccessToken);
        using var ofOther = platform.SupplierApi(other.Tokens.AccessToken);
        var (template, supplier) = await PrepareAsync(suppliers);
        var (otherTemplate, otherSupplier) = await PrepareAsync(ofOther, "Other tenant's supplier");

        Assert.Equal(HttpStatusCode.NotFound, (await Visitor().GetAsync("/questionnaires/t/not-a-token")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Visitor().GetAsync($"/questionnaires/{Guid.NewGuid()}")).StatusCode);

        // A submitted questionnaire sent back gets a new link: the old one is superseded (410), the answers stay.
        var first = await SendAsync(suppliers, supplier, template);
        var assessment = first.GetProperty("assessment").Id();
        using var visitor = Visitor();
        var page = await OpenAsync(visitor, first.GetProperty("linkPath").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsync(page, Answers("submit", ("q_iso", "No"), ("q_hosting", "US")))).StatusCode);
        var back = await suppliers.PostAsJsonAsync($"/api/suppliers/assessments/{assessment}/send-back", new { note = "Please attach the SOC 2 report." }).OkJson();
        Assert.Equal(HttpStatusCode.Gone, (await Visitor().GetAsync(first.GetProperty("linkPath").GetString())).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await visitor.GetAsync(page)).StatusCode);
        using var again = Visitor();
        var newPage = await OpenAsync(again, back.GetProperty("linkPath").GetString()!);
        var html = await again.GetStringAsync(newPage);
        Assert.Contains("Please attach the SOC 2 report.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"US\" checked", html, StringComparison.Ordinal);

        // The page of one link does not open with another link's cookie, nor without one; another tenant's link stays closed to it.
        var foreign = await SendAsync(ofOther, otherSupplier, otherTemplate);
        using var foreignVisitor = Visitor();
        var foreignPage = await OpenAsync(foreignVisitor, foreign.GetProperty("linkPath").GetString()!);
        Assert.Equal(HttpStatusCode.NotFound, (await again.GetAsync(foreignPage)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await again.PostAsync(foreignPage, Answers("draft", ("q_iso", "Yes")))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Visitor().GetAsync(newPage)).StatusCode);
        var foreignAssessment = await ofOther.GetFromJsonAsync<JsonElement>($"/api/suppliers/assessments/{foreign.GetProperty("assessment").Id()}");
        Assert.Empty(foreignAssessment.GetProperty("answers").EnumerateObject());

        // Revoked: 410 on the token and on the page it opened.
        await suppliers.PostAsync($"/api/suppliers/assessments/{assessment}/revoke-link", null).OkJson(HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Gone, (await again.GetAsync(newPage)).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await Visitor().GetAsync(back.GetProperty("linkPath").GetString())).StatusCode);

        // Expired: 410 once its lifetime (14 days) has passed.
        var later = await SendAsync(suppliers, supplier, template);
        try
        {
            platform.SupplierClock.Offset = TimeSpan.FromDays(15);
            var expired = await Visitor().GetAsync(later.GetProperty("linkPath").GetString());
            Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
            Assert.Equal("no-store", expired.Headers.CacheControl?.ToString());
        }
        finally
        {
            platform.SupplierClock.Offset = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task A_template_edit_never_rewrites_the_questions_a_questionnaire_was_sent_with()
    {
        var tenant = await platform.SupplierTenantAsync("supqs");
        using var suppliers = platform.SupplierApi(tenant.Tokens.AccessToken);
        var (template, supplier) = await PrepareAsync(suppliers);
        var sent = await SendAsync(suppliers, supplier, template);
        var version = (await suppliers.GetFromJsonAsync<JsonElement>($"/api/suppliers/questionnaire-templates/{template}")).GetProperty("version").GetUInt32();

        await suppliers.PutAsJsonAsync($"/api/suppliers/questionnaire-templates/{template}", new
        {
            name = "Security questionnaire v2",
            questions = new object[] { new { id = "iso", text = "Rewritten question", type = "Text", required = true } },
            version,
        }).OkJson();

        var assessment = await suppliers.GetFromJsonAsync<JsonElement>($"/api/suppliers/assessments/{sent.GetProperty("assessment").Id()}");
        var questions = assessment.GetProperty("questions").EnumerateArray().ToList();
        Assert.Equal(5, questions.Count);
        Assert.Equal("Do you hold an ISO/IEC 27001 certificate?", questions[0].GetProperty("text").GetString());
        Assert.Equal("Security questionnaire", assessment.GetProperty("templateName").GetString());
    }

    [Fact]
    public async Task The_token_never_appears_in_a_request_trace()
    {
        var tenant = await platform.SupplierTenantAsync("supqt");
        using var suppliers = platform.SupplierApi(tenant.Tokens.AccessToken);
        var (template, supplier) = await PrepareAsync(suppliers);
        var linkPath = (await SendAsync(suppliers, supplier, template)).GetProperty("linkPath").GetString()!;
        var token = linkPath.Split('/')[^1];
        var seen = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = seen.Add,
        };
        ActivitySource.AddActivityListener(listener);

        Assert.Equal(HttpStatusCode.SeeOther, (await Visitor().GetAsync(linkPath)).StatusCode);

        // The server's request activity stops when its pipeline ends, which may be a moment after the client has the answer.
        var requests = await Eventually.ReturnsAsync(
            () => Task.FromResult(seen.Where(a => a.GetTagItem("url.path") is string path && path.StartsWith("/questionnaires/t/", StringComparison.Ordinal)).ToList()),
            found => found.Count > 0, because: "the request's activity stops");
        var request = Assert.Single(requests);
        Assert.Equal("/questionnaires/t/[redacted]", request.GetTagItem("url.path"));
        Assert.All(seen, a =>
        {
            Assert.DoesNotContain(token, a.DisplayName, StringComparison.Ordinal);
            Assert.All(a.TagObjects, t => Assert.DoesNotContain(token, t.Value?.ToString() ?? "", StringComparison.Ordinal));
        });
    }
}
