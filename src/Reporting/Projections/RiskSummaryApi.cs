using IsmsCloud.Reporting.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Reporting.Projections;

public sealed record RiskSummaryDto(int RiskCount, IReadOnlyDictionary<string, int> ByBand, DateTimeOffset? LastAssessedAt);

public static class RiskSummaryApi
{
    public static IEndpointRouteBuilder MapRiskSummaryApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("api/reporting")
            .WithTags("Reporting")
            .RequireAuthorization(IsmsPolicies.TenantMember)
            .MapGet("risk-summary", GetRiskSummary)
            .WithName("GetRiskSummary")
            .WithSummary("How many risks the tenant's register holds, by band, as projected from risk-api's events.");
        return app;
    }

    public static async Task<Ok<RiskSummaryDto>> GetRiskSummary(ReportingDbContext db, CancellationToken cancellationToken)
    {
        var bands = await db.RiskRegister.AsNoTracking()
            .Where(r => !r.Deleted)
            .GroupBy(r => r.Band)
            .Select(g => new { Band = g.Key, Count = g.Count(), Last = g.Max(r => r.AssessedAt) })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new RiskSummaryDto(
            bands.Sum(b => b.Count),
            bands.ToDictionary(b => b.Band, b => b.Count),
            bands.Count == 0 ? null : bands.Max(b => b.Last)));
    }
}
