using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Risk.Access;
using IsmsCloud.Risk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.Soa;

/// <summary>Publishing the Statement of Applicability: a numbered, dated, frozen version, readable later exactly as published.</summary>
public static class SoaApi
{
    public static IEndpointRouteBuilder MapSoaApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/risk/soa").WithTags("Statement of Applicability").RequireAuthorization(IsmsPolicies.TenantMember);
        api.MapGet("versions", ListVersions).WithName("ListSoaVersions").WithSummary("The published SoA versions, newest first.");
        api.MapGet("versions/{number:int}", GetVersion).WithName("GetSoaVersion").WithSummary("One published SoA version, exactly as published.");
        api.MapPost("publish", Publish).RequireAuthorization(RiskPolicies.Manage).WithName("PublishSoa")
            .WithSummary("Freezes the current SoA as the next numbered version and publishes SoaPublished.");
        return app;
    }

    public static async Task<Ok<List<SoaVersionSummaryDto>>> ListVersions(RiskDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.SoaVersions.AsNoTracking().OrderByDescending(v => v.Number)
            .Select(v => new SoaVersionSummaryDto(v.Id, v.Number, v.PublishedAt, v.PublishedBy, v.Note, v.ControlCount, v.ApplicableCount, v.ImplementedCount))
            .ToListAsync(cancellationToken));

    public static async Task<Results<Ok<SoaVersionDto>, NotFound>> GetVersion(int number, RiskDbContext db, CancellationToken cancellationToken)
    {
        var v = await db.SoaVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Number == number, cancellationToken);
        return v is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(new SoaVersionDto(Summary(v), v.Entries));
    }

    public static async Task<Results<Created<SoaVersionSummaryDto>, ValidationProblem>> Publish(
        PublishSoaRequest request, RiskDbContext db, Actor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var controls = await db.Controls.AsNoTracking().Include(c => c.RiskLinks)
            .OrderBy(c => c.IsCustom).ThenBy(c => c.SortOrder).ThenBy(c => c.Reference).ToListAsync(cancellationToken);
        var number = (await db.SoaVersions.MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0) + 1;
        var (version, errors) = SoaVersion.Publish(controls, number, actor.Key, clock.GetUtcNow(), request.Note);
        if (version is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        db.SoaVersions.Add(version);
        db.AddEvent(SoaEvents.Published(version, db.CurrentTenantId));
        // Two managers publishing at once: the unique (tenant, number) index refuses the second, answered as 409.
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/risk/soa/versions/{number}", Summary(version));
    }

    private static SoaVersionSummaryDto Summary(SoaVersion v) =>
        new(v.Id, v.Number, v.PublishedAt, v.PublishedBy, v.Note, v.ControlCount, v.ApplicableCount, v.ImplementedCount);
}
