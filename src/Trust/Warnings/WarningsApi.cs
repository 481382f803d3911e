using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.Trust.Certificates;
using IsmsCloud.Trust.Infrastructure;
using IsmsCloud.Trust.Scope;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Trust.Warnings;

/// <summary>The scope-clarity warnings for the tenant (domain rule 12), computed on each request for today.</summary>
public static class WarningsApi
{
    public static IEndpointRouteBuilder MapWarningsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("api/trust/warnings").WithTags("Warnings").RequireAuthorization(IsmsPolicies.TenantMember)
            .MapGet("", GetWarnings).WithName("GetScopeWarnings").WithSummary("Where the portal's claims outrun the certified scope.");
        return app;
    }

    public static async Task<Ok<ScopeWarningsDto>> GetWarnings(TrustDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var profile = await db.Profiles.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var latest = await ScopeApi.LatestPublishedAsync(db, cancellationToken);
        var certificates = await db.Certificates.AsNoTracking().ToListAsync(cancellationToken);
        var assurance = await db.Assurance.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var today = clock.Today();
        var warnings = ScopeClarity.Evaluate(new ScopeClarityInput(
            profile?.PublicServices ?? [], profile is { PortalEnabled: true, ShowServices: true } || profile?.PublicServices.Count > 0,
            latest, certificates, assurance?.LastExternalAuditOn,
            assurance is { ConfidenceErosion: { } active, SignalsAsOf: { } asOf }
                ? new ConfidenceErosionReading(active, (assurance.ActivePatterns ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries), asOf)
                : null,
            assurance?.SoaVersionNumber), today);
        return TypedResults.Ok(new ScopeWarningsDto(warnings, today, latest?.Number, assurance?.LastExternalAuditOn));
    }
}
