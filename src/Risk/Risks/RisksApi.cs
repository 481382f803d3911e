using IsmsCloud.BuildingBlocks.Members;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Contracts;
using IsmsCloud.Risk.Access;
using IsmsCloud.Risk.Assets;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Risk.Reviews;
using IsmsCloud.Risk.Settings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.Risks;

/// <summary>
/// The risk register's HTTP API. Tenant isolation is not handled here: the DbContext's filter hides other tenants'
/// records (so their ids answer 404) and refuses writes for them. Roles are checked in two steps: a policy on the
/// route, then ownership against the record (<see cref="Actor.CanEditOwned"/>).
/// </summary>
public static class RisksApi
{
    public static IEndpointRouteBuilder MapRisksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/risk/risks").WithTags("Risks").RequireAuthorization(IsmsPolicies.TenantMember);

        api.MapGet("", ListRisks).WithName("ListRisks").WithSummary("Lists the tenant's risks: paged, filtered, searched and sorted on the server.");
        api.MapGet("{id:guid}", GetRisk).WithName("GetRisk").WithSummary("One risk with everything linked to it.");
        api.MapGet("{id:guid}/assessments", ListAssessments).WithName("ListRiskAssessments").WithSummary("The risk's assessment history: who, when, before, after, why.");
        api.MapPost("", CreateRisk).RequireAuthorization(RiskPolicies.Contribute).WithName("CreateRisk").WithSummary("Adds a risk and publishes RiskAssessed.");
        api.MapPut("{id:guid}", UpdateRisk).RequireAuthorization(RiskPolicies.Contribute).WithName("UpdateRisk").WithSummary("Changes or reassesses a risk; carries the version it read.");
        api.MapPut("{id:guid}/decision", DecideTreatment).RequireAuthorization(RiskPolicies.Contribute).WithName("DecideTreatment").WithSummary("Sets the treatment decision: Treat, Accept, Transfer or Avoid.");
        api.MapDelete("{id:guid}", DeleteRisk).RequireAuthorization(RiskPolicies.Manage).WithName("DeleteRisk").WithSummary("Removes a risk that no exception refers to.");
        app.MapGet("api/risk/heatmap", HeatMap).WithTags("Risks").RequireAuthorization(IsmsPolicies.TenantMember)
            .WithName("RiskHeatMap").WithSummary("5×5 counts of risks by likelihood and impact, inherent and residual.");
        return app;
    }

    public static async Task<Results<Ok<PagedResult<RiskDto>>, ValidationProblem>> ListRisks(
        RiskDbContext db, TimeProvider clock, [AsParameters] RiskFilter filter, [AsParameters] PageRequest paging,
        CancellationToken cancellationToken, RiskSort sort = RiskSort.Newest)
    {
        var errors = paging.Validate(filter.Search);
        if (filter.Owner is { Length: > 200 })
        {
            errors["owner"] = ["The owner must be at most 200 characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var settings = await RiskSettings.LoadAsync(db, cancellationToken);
        var today = clock.Today();
        var query = RiskQueries.Apply(db, filter, settings.RiskAppetite, today);
        var page = await RiskQueries.Sort(query, sort).ToPageAsync(paging, cancellationToken);
        return TypedResults.Ok(page.Select(r => RiskQueries.ToListDto(r, settings, today)));
    }

    public static async Task<Results<Ok<RiskDetailDto>, NotFound>> GetRisk(Guid id, RiskDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var detail = await RiskQueries.DetailAsync(db, id, clock.Today(), cancellationToken);
        return detail is null ? TypedResults.NotFound() : TypedResults.Ok(detail);
    }

    public static async Task<Results<Ok<List<AssessmentDto>>, NotFound>> ListAssessments(Guid id, RiskDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Risks.AnyAsync(r => r.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var history = await db.RiskAssessments.AsNoTracking().Where(a => a.RiskId == id)
            .OrderByDescending(a => a.AssessedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(history.Select(AssessmentDto.From).ToList());
    }

    public static async Task<Results<Created<RiskDto>, ValidationProblem, ProblemHttpResult>> CreateRisk(
        CreateRiskRequest request, RiskDbContext db, Actor actor, MemberDirectory members, TimeProvider clock, CancellationToken cancellationToken)
    {
        var owner = request.Owner.Trim().ToLowerInvariant();
        if (!actor.IsManager && !actor.Is(owner))
        {
            return Forbidden.Because("A risk owner can only add risks that they own themselves.");
        }

        if (await members.RefuseNonMembersAsync(actor.Key, cancellationToken, ("owner", owner)) is { } notMembers)
        {
            return TypedResults.ValidationProblem(notMembers);
        }

        var assetIds = (request.AssetIds ?? []).Distinct().ToList();
        var aiAssets = await LinkedAssetsAsync(db, assetIds, cancellationToken);
        if (aiAssets is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["assetIds"] = ["One or more assets do not exist."] });
        }

        var settings = await RiskSettings.LoadAsync(db, cancellationToken);
        var now = clock.GetUtcNow();
        var risk = new Risk
        {
            Title = request.Title.Trim(), Owner = owner, Description = request.Description,
            Threat = request.Threat, Vulnerability = request.Vulnerability, CreatedAt = now,
        };
        var assessment = risk.Assess(new RiskScore(request.InherentLikelihood, request.InherentImpact),
            new RiskScore(request.ResidualLikelihood, request.ResidualImpact), actor.Key, now, request.Rationale ?? "Initial assessment", settings.ReviewIntervalDays)!;
        risk.AssetLinks.AddRange(assetIds.Select(a => new RiskAsset { RiskId = risk.Id, AssetId = a }));
        risk.RefreshStatus(settings.RiskAppetite, clock.Today());
        db.Risks.Add(risk);
        db.RiskAssessments.Add(assessment);
        foreach (var asset in aiAssets)
        {
            await AiReviews.OpenAsync(db, asset, [risk.Id], now, cancellationToken);
        }

        db.AddEvent(RiskEvents.Assessed(risk, db, isNew: true, settings));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/risk/risks/{risk.Id}", RiskQueries.ToDto(risk, settings, clock.Today(), 0));
    }

    public static async Task<Results<Ok<RiskDto>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateRisk(
        Guid id, UpdateRiskRequest request, RiskDbContext db, Actor actor, MemberDirectory members, TimeProvider clock, CancellationToken cancellationToken)
    {
        var risk = await db.Risks.Include(r => r.AssetLinks).Include(r => r.Acceptances).Include(r => r.Actions)
            .FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (risk is null)
        {
            return TypedResults.NotFound();
        }

        var owner = request.Owner.Trim().ToLowerInvariant();
        if (!actor.CanEditOwned(risk.Owner, IsmsRoles.RiskOwner))
        {
            return Forbidden.Because("Only the risk's owner or an ISMS manager can change it.");
        }

        if (!actor.IsManager && !actor.Is(owner))
        {
            return Forbidden.Because("Only an ISMS manager can hand a risk to another owner.");
        }

        if (await members.RefuseNonMembersAsync(actor.Key, cancellationToken, ("owner", owner == risk.Owner ? null : owner)) is { } notMembers)
        {
            return TypedResults.ValidationProblem(notMembers);
        }

        var inherent = new RiskScore(request.InherentLikelihood, request.InherentImpact);
        var residual = new RiskScore(request.ResidualLikelihood, request.ResidualImpact);
        if (risk.CheckReassessment(inherent, residual, request.Rationale) is { IsAllowed: false } reassessment)
        {
            return TypedResults.ValidationProblem(reassessment.Errors);
        }

        var assetIds = (request.AssetIds ?? []).Distinct().ToList();
        var newAssetIds = assetIds.Except(risk.AssetLinks.Select(l => l.AssetId)).ToList();
        var newAiAssets = await LinkedAssetsAsync(db, newAssetIds, cancellationToken);
        if (newAiAssets is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["assetIds"] = ["One or more assets do not exist."] });
        }

        db.ExpectVersion(risk, (uint)request.Version);
        var settings = await RiskSettings.LoadAsync(db, cancellationToken);
        var now = clock.GetUtcNow();
        var today = clock.Today();
        risk.Title = request.Title.Trim();
        risk.Owner = owner;
        risk.Description = request.Description;
        risk.Threat = request.Threat;
        risk.Vulnerability = request.Vulnerability;
        risk.UpdatedAt = now;
        risk.AssetLinks.RemoveAll(l => !assetIds.Contains(l.AssetId));
        risk.AssetLinks.AddRange(newAssetIds.Select(a => new RiskAsset { RiskId = risk.Id, AssetId = a }));
        if (risk.Assess(inherent, residual, actor.Key, now, request.Rationale, settings.ReviewIntervalDays) is { } assessment)
        {
            db.RiskAssessments.Add(assessment);
            await ReviewTasks.ResolveAllAsync(db, risk.Id, actor.Key, now, $"Reassessed: {request.Rationale}", cancellationToken);
        }

        if (request.NextReviewOn is { } next)
        {
            risk.NextReviewOn = next;
        }

        foreach (var asset in newAiAssets)
        {
            await AiReviews.OpenAsync(db, asset, [risk.Id], now, cancellationToken);
        }

        risk.RefreshStatus(settings.RiskAppetite, today);
        db.AddEvent(RiskEvents.Assessed(risk, db, isNew: false, settings));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(RiskQueries.ToDto(risk, settings, today, Treatment.OverdueAge.OfRisk(risk.Actions, today)));
    }

    public static async Task<Results<Ok<RiskDto>, NotFound, ProblemHttpResult>> DecideTreatment(
        Guid id, DecideTreatmentRequest request, RiskDbContext db, Actor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var risk = await db.Risks.Include(r => r.Acceptances).Include(r => r.Actions).FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (risk is null)
        {
            return TypedResults.NotFound();
        }

        if (!actor.CanEditOwned(risk.Owner, IsmsRoles.RiskOwner))
        {
            return Forbidden.Because("Only the risk's owner or an ISMS manager can decide its treatment.");
        }

        db.ExpectVersion(risk, (uint)request.Version);
        var settings = await RiskSettings.LoadAsync(db, cancellationToken);
        var today = clock.Today();
        risk.Decide(request.Decision, clock.GetUtcNow());
        risk.RefreshStatus(settings.RiskAppetite, today);
        db.AddEvent(RiskEvents.Assessed(risk, db, isNew: false, settings));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(RiskQueries.ToDto(risk, settings, today, Treatment.OverdueAge.OfRisk(risk.Actions, today)));
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteRisk(
        Guid id, RiskDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var risk = await db.Risks.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (risk is null)
        {
            return TypedResults.NotFound();
        }

        if (await db.ControlExceptions.AnyAsync(e => e.RiskId == id, cancellationToken))
        {
            return TypedResults.Problem("Control exceptions refer to this risk; close and keep them, or link them elsewhere, instead of deleting it.",
                statusCode: StatusCodes.Status409Conflict, title: "Conflict");
        }

        db.Risks.Remove(risk);
        db.AddEvent(RiskEvents.Deleted(risk, db, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<HeatMapDto>> HeatMap(RiskDbContext db, CancellationToken cancellationToken)
    {
        // One pass over the covering index: at most 625 (inherent × residual) cells come back and fold into both grids.
        var cells = await db.Risks
            .GroupBy(r => new { r.InherentLikelihood, r.InherentImpact, r.ResidualLikelihood, r.ResidualImpact })
            .Select(g => new { g.Key.InherentLikelihood, g.Key.InherentImpact, g.Key.ResidualLikelihood, g.Key.ResidualImpact, Count = g.Count() })
            .ToListAsync(cancellationToken);

        static int[][] Grid() => Enumerable.Range(0, RiskScore.MaxRating).Select(_ => new int[RiskScore.MaxRating]).ToArray();
        var inherentGrid = Grid();
        var residualGrid = Grid();
        foreach (var cell in cells)
        {
            inherentGrid[cell.InherentLikelihood - 1][cell.InherentImpact - 1] += cell.Count;
            residualGrid[cell.ResidualLikelihood - 1][cell.ResidualImpact - 1] += cell.Count;
        }

        return TypedResults.Ok(new HeatMapDto(inherentGrid, residualGrid, cells.Sum(c => c.Count)));
    }

    /// <summary>The AI assets among <paramref name="assetIds"/>, or null when one of them does not exist.</summary>
    private static async Task<List<Asset>?> LinkedAssetsAsync(RiskDbContext db, List<Guid> assetIds, CancellationToken cancellationToken)
    {
        if (assetIds.Count == 0)
        {
            return [];
        }

        var assets = await db.Assets.AsNoTracking().Where(a => assetIds.Contains(a.Id)).ToListAsync(cancellationToken);
        return assets.Count != assetIds.Count ? null : assets.Where(a => a.IsAi).ToList();
    }
}
