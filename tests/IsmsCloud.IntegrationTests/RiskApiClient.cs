using System.Net.Http.Json;
using System.Text.Json;

namespace IsmsCloud.IntegrationTests;

internal static class RiskApiClient
{
    public static async Task<JsonElement> CreateRiskAsync(this HttpClient risk, string title, int likelihood = 3, int impact = 4)
    {
        var response = await risk.PostAsJsonAsync("/api/risk/risks", new { title, owner = "Riley Owner", likelihood, impact });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<int> RiskCountAsync(this HttpClient reporting) =>
        (await reporting.GetFromJsonAsync<JsonElement>("/api/reporting/risk-summary")).GetProperty("riskCount").GetInt32();
}
