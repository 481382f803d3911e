using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IsmsCloud.Audits.Infrastructure;
using IsmsCloud.IntegrationTests.Risk;
using IsmsCloud.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IsmsCloud.IntegrationTests.AuditProgramme;

/// <summary>What the audit-api tests do over and over: plan, start and complete audits, raise findings, import accounts.</summary>
internal static class AuditProgrammeApiClient
{
    public static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    public static object AuditBody(string title, string kind = "Internal", string? auditor = null, string? body = null, DateOnly? plannedStart = null, long version = 0)
    {
        var start = plannedStart ?? Today;
        return new
        {
            title, kind, year = start.Year, scope = "The whole ISMS", criteria = "Clauses 4–10; Annex A", auditor, externalBody = body,
            plannedStartOn = start, plannedEndOn = start.AddDays(2), version,
        };
    }

    /// <summary>Plans an audit, starts it on <paramref name="startedOn"/> and (when given) completes it on <paramref name="completedOn"/>.</summary>
    public static async Task<JsonElement> RunAuditAsync(this HttpClient audit, string title, DateOnly startedOn, DateOnly? completedOn = null,
        string kind = "Internal", string? auditor = null, string? body = null)
    {
        var created = await audit.PostAsJsonAsync("/api/audit/audits", AuditBody(title, kind, auditor, body, startedOn)).OkJson(HttpStatusCode.Created);
        var started = await audit.PostAsJsonAsync($"/api/audit/audits/{created.Id()}/start", new { on = startedOn, version = created.Version() }).OkJson();
        return completedOn is { } end
            ? await audit.PostAsJsonAsync($"/api/audit/audits/{created.Id()}/complete", new { on = end, version = started.Version() }).OkJson()
            : started;
    }

    public static Task<JsonElement> RaiseAsync(this HttpClient audit, Guid auditId, string reference, string kind = "MinorNonconformity", DateOnly? raisedOn = null) =>
        audit.PostAsJsonAsync($"/api/audit/audits/{auditId}/findings", new { kind, reference, description = $"Finding on {reference}", raisedOn }).OkJson(HttpStatusCode.Created);

    public static uint Version(this JsonElement e) => e.GetProperty("version").GetUInt32();

    public static HttpContent Csv(string text) => new StringContent(text, Encoding.UTF8, "text/csv");

    /// <summary>A CSV of <paramref name="rows"/> accounts named acct-0001…; <paramref name="mutate"/> may change any row's fields.</summary>
    public static string AccountsCsv(int rows, Func<int, string[], string[]>? mutate = null, int start = 1)
    {
        var text = new StringBuilder("user,email,account,entitlements,privileged,last_login\n");
        for (var i = start; i < start + rows; i++)
        {
            string[] fields = [$"User {i}", $"user{i}@customer.example", $"acct-{i:D5}", i % 10 == 0 ? "admin;read" : "read", i % 10 == 0 ? "yes" : "no", "2026-11-01"];
            text.AppendLine(string.Join(',', mutate?.Invoke(i, fields) ?? fields));
        }

        return text.ToString();
    }

    /// <summary>Waits until audit-api's member directory knows <paramref name="email"/> (auditors, owners and reviewers must be members).</summary>
    public static Task KnownToAuditAsync(this PlatformFixture platform, Guid tenantId, string email) =>
        Eventually.ReturnsAsync(async () =>
        {
            await using var scope = platform.Audit.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
            return await db.KnownMembers.IgnoreQueryFilters().AnyAsync(m => m.TenantId == tenantId && m.Email == email.ToLowerInvariant());
        }, known => known, because: $"audit-api's member directory knows {email}");

    /// <summary>A member with <paramref name="role"/>, known to audit-api: their token and e-mail.</summary>
    public static async Task<(string Token, string Email)> MemberAsync(this PlatformFixture platform, TenantSession tenant, string role)
    {
        var tokens = await platform.AddMemberAsync(tenant, role);
        var email = PlatformFixture.EmailOf(tokens);
        await platform.KnownToAuditAsync(tenant.TenantId, email);
        return (tokens.AccessToken, email);
    }

    /// <summary>A member (a colleague every test tenant has, see PlatformFixture.Colleagues, or one added) signed in to <paramref name="tenant"/>.</summary>
    public static async Task<string> SignInToAsync(this PlatformFixture platform, TenantSession tenant, string email) =>
        (await platform.Oidc().SignInAsync(email, PlatformFixture.Password, tenant: tenant.TenantId.ToString())).AccessToken;
}
