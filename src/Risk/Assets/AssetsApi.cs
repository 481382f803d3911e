using IsmsCloud.BuildingBlocks.Members;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.Contracts;
using IsmsCloud.Risk.Access;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Risk.Reviews;
using IsmsCloud.Risk.Risks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.Assets;

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
            query = query.Where(isAi ? Asset.IsAiAsset : Asset.IsAiAsset.Negate());
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

    public static async Task<Results<Created<AssetDto>, ValidationProblem, ProblemHttpResult>> Create(
        SaveAssetRequest request, RiskDbContext db, Actor actor, MemberDirectory members, TimeProvider clock, CancellationToken cancellationToken)
    {
        var owner = request.Owner.Trim().ToLowerInvariant();
        if (!actor.IsManager && !actor.Is(owner))
        {
            return Forbidden.Because("You can only add assets that you own yourself.");
        }

        if (await members.RefuseNonMembersAsync(actor.Key, cancellationToken, ("owner", owner)) is { } notMembers)
        {
            return TypedResults.ValidationProblem(notMembers);
        }

        var now = clock.GetUtcNow();
        var asset = new Asset { Name = request.Name.Trim(), Owner = owner, CreatedAt = now };
        Apply(asset, request, now);
        db.Assets.Add(asset);
        // A new asset has no linked risks yet: its reviews open when risks link it (AiReviews).
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/risk/assets/{asset.Id}", AssetDto.From(asset));
    }

    public static async Task<Results<Ok<AssetDto>, NotFound, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, SaveAssetRequest request, RiskDbContext db, Actor actor, MemberDirectory members, TimeProvider clock, CancellationToken cancellationToken)
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

        if (await members.RefuseNonMembersAsync(actor.Key, cancellationToken, ("owner", owner == asset.Owner ? null : owner)) is { } notMembers)
        {
            return TypedResults.ValidationProblem(notMembers);
        }

        db.ExpectVersion(asset, (uint)request.Version);
        var wasAi = asset.IsAi;
        var now = clock.GetUtcNow();
        asset.Name = request.Name.Trim();
        asset.Owner = owner;
        Apply(asset, request, now);
        if (asset.IsAi && !wasAi)
        {
            await AiReviews.OpenForLinkedRisksAsync(db, asset, now, cancellationToken);
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
}
