using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Contracts;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Reporting.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IsmsCloud.Reporting.Facts;

/// <summary>
/// Where reporting's facts of a tenant come from: followed from its onboarding, or backfilled by asking every service to
/// republish the tenant's records (<see cref="TenantStateRequested"/>). A tenant reporting knows of without a row here
/// existed before reporting kept facts (every tenant of an earlier release): the backfill job asks for it once.
/// </summary>
public sealed class TenantFactSource : ITenantOwned
{
    public Guid TenantId { get; set; }
    public DateTimeOffset FollowedSince { get; init; }
    public DateTimeOffset? StateRequestedAt { get; set; }
}

internal sealed class TenantFactSourceConfiguration : IEntityTypeConfiguration<TenantFactSource>
{
    public void Configure(EntityTypeBuilder<TenantFactSource> builder)
    {
        builder.ToTable("TenantFactSources");
        builder.HasKey(s => s.TenantId);
        // The tenant's id, stamped by the write guard: never a generated key.
        builder.Property(s => s.TenantId).ValueGeneratedNever();
    }
}

/// <summary>A tenant onboarded while reporting runs is followed from its first event: nothing to backfill.</summary>
public sealed class FollowFromOnboarding(ReportingDbContext db, TimeProvider clock) : ITenantOnboardingStep
{
    public async Task PrepareAsync(TenantOnboarded message, CancellationToken cancellationToken)
    {
        if (!await db.TenantFactSources.AnyAsync(cancellationToken))
        {
            db.TenantFactSources.Add(new TenantFactSource { FollowedSince = clock.GetUtcNow() });
        }
    }
}

/// <summary>Asks the services to republish a tenant's records: for tenants reporting knows nothing of, and on request.</summary>
public sealed class Backfill(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>Requests the state of every known tenant that has no fact source yet; returns how many.</summary>
    public async Task<int> RequestForUnknownTenantsAsync(CancellationToken cancellationToken)
    {
        List<Guid> unknown;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
            var known = await db.KnownTenants.AsNoTracking().Select(t => t.TenantId).ToListAsync(cancellationToken);
            var followed = await db.TenantFactSources.IgnoreQueryFilters([TenantModelConventions.FilterName]).AsNoTracking()
                .Select(s => s.TenantId).ToListAsync(cancellationToken);
            unknown = known.Except(followed).ToList();
        }

        foreach (var tenantId in unknown)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
            var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
            var now = clock.GetUtcNow();
            db.TenantFactSources.Add(new TenantFactSource { FollowedSince = now, StateRequestedAt = now });
            db.AddEvent(new TenantStateRequested(tenantId, "reporting: backfill of a tenant it knew nothing of", now));
            await db.SaveChangesAsync(cancellationToken);
        }

        return unknown.Count;
    }
}

/// <summary>The tenant's own request for a backfill (after a restore, or when figures look incomplete).</summary>
public static class BackfillApi
{
    public static async Task<Accepted> RequestAsync(ReportingDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var source = await db.TenantFactSources.FirstOrDefaultAsync(cancellationToken);
        if (source is null)
        {
            db.TenantFactSources.Add(new TenantFactSource { FollowedSince = now, StateRequestedAt = now });
        }
        else
        {
            source.StateRequestedAt = now;
        }

        db.AddEvent(new TenantStateRequested(db.CurrentTenantId, "reporting: requested by the tenant", now));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted("/api/reporting/signals");
    }

    public static IEndpointRouteBuilder MapBackfillApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("api/reporting/signals/republish", RequestAsync)
            .WithTags("Signals")
            .RequireAuthorization(policy => policy.RequireAuthenticatedUser().RequireClaim(IsmsClaims.TenantId).RequireRole(IsmsRoles.TenantAdmin, IsmsRoles.IsmsManager))
            .WithName("RequestTenantState")
            .WithSummary("Asks every service to publish the current state of the tenant's records again (idempotent: versions reporting holds are ignored); 202.");
        return app;
    }
}
