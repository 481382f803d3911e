using System.ComponentModel.DataAnnotations;
using IsmsCloud.Suppliers.Access;
using IsmsCloud.Suppliers.Gaps;
using IsmsCloud.Suppliers.Infrastructure;
using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Suppliers.Settings;

public sealed record SupplierSettingsDto(int LowMonths, int MediumMonths, int HighMonths, int CriticalMonths, uint Version);

public sealed record UpdateSupplierSettingsRequest(
    [property: Range(1, 120)] int LowMonths,
    [property: Range(1, 120)] int MediumMonths,
    [property: Range(1, 120)] int HighMonths,
    [property: Range(1, 120)] int CriticalMonths,
    [property: Range(0, uint.MaxValue)] long Version = 0);

public static class SettingsApi
{
    public static IEndpointRouteBuilder MapSupplierSettingsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/suppliers/settings").WithTags("Settings").RequireAuthorization(IsmsPolicies.TenantMember);
        api.MapGet("", Get).WithName("GetSupplierSettings").WithSummary("The reassessment interval of each criticality, in months.");
        api.MapPut("", Update).RequireAuthorization(SupplierPolicies.Manage).WithName("UpdateSupplierSettings")
            .WithSummary("Changes the reassessment intervals; schedules and gaps follow at once.");
        return app;
    }

    public static async Task<Ok<SupplierSettingsDto>> Get(SupplierDbContext db, CancellationToken cancellationToken)
    {
        var settings = await db.Settings.AsNoTracking().FirstOrDefaultAsync(cancellationToken) ?? new SupplierSettings();
        return TypedResults.Ok(new SupplierSettingsDto(settings.LowMonths, settings.MediumMonths, settings.HighMonths, settings.CriticalMonths, settings.Version));
    }

    public static async Task<Ok<SupplierSettingsDto>> Update(
        UpdateSupplierSettingsRequest request, SupplierDbContext db, GapSweep sweep, TimeProvider clock, CancellationToken cancellationToken)
    {
        var settings = await db.Settings.FirstOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            settings = new SupplierSettings();
            db.Settings.Add(settings);
        }
        else
        {
            db.ExpectVersion(settings, (uint)request.Version);
        }

        settings.LowMonths = request.LowMonths;
        settings.MediumMonths = request.MediumMonths;
        settings.HighMonths = request.HighMonths;
        settings.CriticalMonths = request.CriticalMonths;
        // Stored precision, so the republished event (which reads it back) carries the same time as this one.
        settings.UpdatedAt = AuditEntryContent.ToStoredPrecision(clock.GetUtcNow());
        db.AddEvent(SupplierEventFacts.SettingsChanged(db, settings, settings.UpdatedAt.Value));
        await db.SaveChangesAsync(cancellationToken);
        // The intervals decide NoValidAssessment: the tenant's gaps are evaluated again now, not at the next sweep.
        await sweep.RunTenantAsync(db.CurrentTenantId, cancellationToken);
        return TypedResults.Ok(new SupplierSettingsDto(settings.LowMonths, settings.MediumMonths, settings.HighMonths, settings.CriticalMonths, settings.Version));
    }
}
