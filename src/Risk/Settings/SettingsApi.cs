using IsmsCloud.Risk.Access;
using IsmsCloud.Risk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.Settings;

public static class SettingsApi
{
    public static IEndpointRouteBuilder MapSettingsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/risk/settings").WithTags("Settings").RequireAuthorization(IsmsPolicies.TenantMember);
        api.MapGet("", Get).WithName("GetRiskSettings").WithSummary("The tenant's risk appetite and time limits.");
        api.MapPut("", Update).RequireAuthorization(RiskPolicies.Manage).WithName("UpdateRiskSettings")
            .WithSummary("Changes the risk appetite and time limits; applies to decisions made from now on.");
        return app;
    }

    public static async Task<Ok<RiskSettingsDto>> Get(RiskDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(RiskSettingsDto.From(await RiskSettings.LoadAsync(db, cancellationToken)));

    public static async Task<Ok<RiskSettingsDto>> Update(UpdateRiskSettingsRequest request, RiskDbContext db, CancellationToken cancellationToken)
    {
        var settings = await db.Settings.FirstOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            settings = new RiskSettings();
            db.Settings.Add(settings);
        }
        else
        {
            db.ExpectVersion(settings, (uint)request.Version);
        }

        settings.RiskAppetite = request.RiskAppetite;
        settings.ReviewIntervalDays = request.ReviewIntervalDays;
        settings.MaxAcceptanceMonths = request.MaxAcceptanceMonths;
        settings.MaxExceptionDays = request.MaxExceptionDays;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(RiskSettingsDto.From(settings));
    }
}
