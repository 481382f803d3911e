using System.Net.Http.Json;
using System.Text.Json;

namespace IsmsCloud.IntegrationTests;

internal static class RiskApiClient
{
    public const string Owner = "riley.owner@example.com";
    /// <summary>Another risk owner every test tenant has as a member (see PlatformFixture.Colleagues).</summary>
    public const string OtherOwner = "other@example.com";
    /// <summary>A control owner every test tenant has as a member (see PlatformFixture.Colleagues).</summary>
    public const string OpsOwner = "ops@example.com";

    /// <summary>A create body: inherent and residual scored alike unless the residual is given.</summary>
    public static object RiskBody(string title, int likelihood = 3, int impact = 4, string owner = Owner, int? residualLikelihood = null, int? residualImpact = null) => new
    {
        title, owner,
        inherentLikelihood = likelihood, inherentImpact = impact,
        residualLikelihood = residualLikelihood ?? likelihood, residualImpact = residualImpact ?? impact,
    };

    public static object UpdateBody(string title, int likelihood, int impact, long version, string owner = Owner, string? rationale = "Reassessed") => new
    {
        title, owner,
        inherentLikelihood = likelihood, inherentImpact = impact, residualLikelihood = likelihood, residualImpact = impact,
        version, rationale,
    };

    public static async Task<JsonElement> CreateRiskAsync(this HttpClient risk, string title, int likelihood = 3, int impact = 4, string owner = Owner)
    {
        var response = await risk.PostAsJsonAsync("/api/risk/risks", RiskBody(title, likelihood, impact, owner));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<int> RiskCountAsync(this HttpClient reporting) =>
        (await reporting.GetFromJsonAsync<JsonElement>("/api/reporting/risk-summary")).GetProperty("riskCount").GetInt32();
}
