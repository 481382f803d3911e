using System.ComponentModel.DataAnnotations;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.Contracts;
using IsmsCloud.Risk.Access;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Risk.Reviews;
using IsmsCloud.Risk.Risks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.Assets;

public sealed record SaveAssetRequest(
    [property: Required, StringLength(200, MinimumLength = 2)] string Name,
    AssetType Type,
    Classification Classification,
    [property: Required, EmailAddress, StringLength(200)] string Owner,
    bool InScope = true,
    [property: StringLength(4000)] string? Description = null,
    [property: StringLength(200)] string? AiModelProvider = null,
    [property: StringLength(2000)] string? AiDataUsed = null,
    bool AiAutomatedDecisions = false,
    [property: Range(0, uint.MaxValue)] long Version = 0);

public sealed record AssetDto(
    Guid Id, string Name, AssetType Type, Classification Classification, string Owner, bool InScope, string? Description,
    string? AiModelProvider, string? AiDataUsed, bool AiAutomatedDecisions, bool IsAi, uint Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static AssetDto From(Asset a) => new(a.Id, a.Name, a.Type, a.Classification, a.Owner, a.InScope, a.Description,
        a.AiModelProvider, a.AiDataUsed, a.AiAutomatedDecisions, a.IsAi, a.Version, a.CreatedAt, a.UpdatedAt);
}

public sealed record AssetDetailDto(AssetDto Asset, IReadOnlyList<LinkedRecord> Risks);

public enum AssetSort
{
    Name,
    Newest,
    Classification,
}

/// <summary>The asset register. Owners (RiskOwner role) change their own assets; managers change all.</summary>
public static class AssetsApi
{
    public static IEndpointRouteBuilder MapAssetsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/risk/assets").WithTags("Assets").RequireAuthorization(IsmsPolicies.TenantMember);
        api.MapGet("", List).WithName("ListAssets").WithSummary("Lists assets: paged, filtered, searched and sorted.");
        api.MapGet("{id:guid}", Get).WithName("GetAsset").WithSummary("One asset with the risks that concern it.");
        api.MapPost("", Create).RequireAuthorization(RiskPolicies.Contribute).WithName("CreateAsset").WithSummary("Adds an asset; an AI system opens reviews.");
        api.MapPut("{id:guid}", Update).RequireAuthorization(RiskPolicies.Contribute).WithName("UpdateAsset").WithSummary("Changes an asset.");
        api.MapDelete("{id:guid}", Delete).RequireAuthorization(RiskPolicies.Manage).WithName("DeleteAsset").WithSummary("Removes an asset and its risk links.");
        return app;
    }

    public static async Task<Results<Ok<PagedResult<AssetDto>>, ValidationProblem>> List(
        RiskDbContext db, [AsParameters] PageRequest paging, CancellationToken cancellationToken, string? search = null,
        AssetType? type = null, Classification? classification = null, bool? inScope = null, bool? ai = null, AssetSort sort = AssetSort.Name)
    {
        var errors = paging.Validate(search);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.Assets.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            query = query.Where(a => a.Name.ToLower().Contains(term) || a.Owner.Contains(term));
        }

        if (type is { } t)
        {
            query = query.Where(a => a.Type == t);
        }

        if (classification is { } c)
        {
            query = query.Where(a => a.Classification == c);
        }

        if (inScope is { } s)
        {
            query = query.Where(a => a.InScope == s);
        }

        if (ai is { } isAi)
        {
            query = query.Where(a => (a.Type == AssetType.AiSystem || a.AiModelProvider != null || a.AiAutomatedDecisions) == isAi);
        }

        query = sort switch
        {
            AssetSort.Newest => query.OrderByDescending(a => a.CreatedAt).ThenBy(a => a.Id),
            AssetSort.Classification => query.OrderByDescending(a => a.Classification).ThenBy(a => a.Name).ThenBy(a => a.Id),
            _ => query.OrderBy(a => a.Name).ThenBy(a => a.Id),
        };
        var page = await query.ToPageAsync(paging, cancellationToken);
        return TypedResults.Ok(page.Select(AssetDto.From));
    }

    public static async Task<Results<Ok<AssetDetailDto>, NotFound>> Get(Guid id, RiskDbContext db, CancellationToken cancellationToken)
    {
        var asset = await db.Assets.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (asset is null)
        {
            return TypedResults.NotFound();
        }

        var risks = await db.RiskAssets.Where(l => l.AssetId == id)
            .Join(db.Risks, l => l.RiskId, r => r.Id, (l, r) => new LinkedRecord(r.Id, r.Title, r.Status.ToString()))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new AssetDetailDto(AssetDto.From(asset), risks));
    }

    public static async Task<Results<Created<AssetDto>, ProblemHttpResult>> Create(
        SaveAssetRequest request, RiskDbContext db, Actor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var owner = request.Owner.Trim().ToLowerInvariant();
        if (!actor.IsManager && !actor.Is(owner))
        {
            return Forbidden.Because("You can only add assets that you own yourself.");
        }

        var now = clock.GetUtcNow();
        var asset = new Asset { Name = request.Name.Trim(), Owner = owner, CreatedAt = now };
        Apply(asset, request, now);
        db.Assets.Add(asset);
        // A new asset has no linked risks yet: its reviews open when risks link it (see RisksApi).
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/risk/assets/{asset.Id}", AssetDto.From(asset));
    }

    public static async Task<Results<Ok<AssetDto>, NotFound, ProblemHttpResult>> Update(
        Guid id, SaveAssetRequest request, RiskDbContext db, Actor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var asset = await db.Assets.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (asset is null)
        {
            return TypedResults.NotFound();
        }

        var owner = request.Owner.Trim().ToLowerInvariant();
        if (!actor.CanEditOwned(asset.Owner, IsmsRoles.RiskOwner) || (!actor.IsManager && !actor.Is(owner)))
        {
            return Forbidden.Because("Only the asset's owner or an ISMS manager can change it, and only a manager can hand it to someone else.");
        }

        db.ExpectVersion(asset, (uint)request.Version);
        var wasAi = asset.IsAi;
        var now = clock.GetUtcNow();
        asset.Name = request.Name.Trim();
        asset.Owner = owner;
        Apply(asset, request, now);
        if (asset.IsAi && !wasAi)
        {
            await OpenAiReviewsAsync(db, asset, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(AssetDto.From(asset));
    }

    public static async Task<Results<NoContent, NotFound>> Delete(Guid id, RiskDbContext db, CancellationToken cancellationToken)
    {
        var asset = await db.Assets.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (asset is null)
        {
            return TypedResults.NotFound();
        }

        db.Assets.Remove(asset);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static void Apply(Asset asset, SaveAssetRequest request, DateTimeOffset now)
    {
        asset.Type = request.Type;
        asset.Classification = request.Classification;
        asset.InScope = request.InScope;
        asset.Description = request.Description;
        asset.AiModelProvider = string.IsNullOrWhiteSpace(request.AiModelProvider) ? null : request.AiModelProvider.Trim();
        asset.AiDataUsed = string.IsNullOrWhiteSpace(request.AiDataUsed) ? null : request.AiDataUsed.Trim();
        asset.AiAutomatedDecisions = request.AiAutomatedDecisions;
        asset.UpdatedAt = now;
    }

    /// <summary>
    /// Rule 13: an asset that becomes an AI system puts its linked risks, and the SoA controls those risks rely on, up
    /// for review — in the same registers, not in separate paperwork.
    /// </summary>
    internal static async Task OpenAiReviewsAsync(RiskDbContext db, Asset asset, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reason = $"AI system: {asset.Name}";
        var riskIds = await db.RiskAssets.Where(l => l.AssetId == asset.Id).Select(l => l.RiskId).ToListAsync(cancellationToken);
        var controlIds = await db.ControlRisks.Where(l => riskIds.Contains(l.RiskId)).Select(l => l.ControlId).Distinct().ToListAsync(cancellationToken);
        foreach (var riskId in riskIds)
        {
            await ReviewTasks.OpenAsync(db, ReviewSubject.Risk, riskId, reason, now, cancellationToken);
        }

        foreach (var controlId in controlIds)
        {
            await ReviewTasks.OpenAsync(db, ReviewSubject.Control, controlId, reason, now, cancellationToken);
        }
    }
}
