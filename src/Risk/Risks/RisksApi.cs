using IsmsCloud.Contracts.Events;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Risk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.Risks;

/// <summary>
/// The risk register's HTTP API. Tenant isolation is not handled here: the DbContext's filter hides other
/// tenants' risks (so their ids answer 404) and refuses writes for them.
/// </summary>
public static class RisksApi
{
    public static IEndpointRouteBuilder MapRisksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/risk/risks")
            .WithTags("Risks")
            .RequireAuthorization(IsmsPolicies.TenantMember);

        api.MapGet("", ListRisks).WithName("ListRisks").WithSummary("Lists the tenant's risks, paged, searchable and sorted.");
        api.MapGet("{id:guid}", GetRisk).WithName("GetRisk").WithSummary("Gets one risk.");
        api.MapPost("", CreateRisk).RequireAuthorization(RiskPolicies.EditRisks).WithName("CreateRisk").WithSummary("Adds a risk to the register and publishes RiskAssessed.");
        api.MapPut("{id:guid}", UpdateRisk).RequireAuthorization(RiskPolicies.EditRisks).WithName("UpdateRisk").WithSummary("Changes a risk; the request carries the version it read.");
        api.MapDelete("{id:guid}", DeleteRisk).RequireAuthorization(RiskPolicies.EditRisks).WithName("DeleteRisk").WithSummary("Removes a risk from the register.");
        return app;
    }

    public static async Task<Results<Ok<PagedResult<RiskDto>>, ValidationProblem>> ListRisks(
        RiskDbContext db, CancellationToken cancellationToken,
        int page = 1, int pageSize = 50, string? search = null, RiskSort sort = RiskSort.Newest)
    {
        var errors = Paging.Validate(page, pageSize, search);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.Risks.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            // Case-insensitive on both providers; EF escapes the term's wildcards. (Full-text search is future work.)
            var term = search.Trim().ToLowerInvariant();
            query = query.Where(r => r.Title.ToLower().Contains(term) || r.Owner.ToLower().Contains(term));
        }

        query = sort switch
        {
            RiskSort.Title => query.OrderBy(r => r.Title).ThenBy(r => r.Id),
            RiskSort.ScoreDescending => query.OrderByDescending(r => r.Likelihood * r.Impact).ThenBy(r => r.Id),
            _ => query.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id),
        };

        var total = await query.CountAsync(cancellationToken);
        var items = await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResult<RiskDto>(items.Select(RiskDto.From).ToList(), page, pageSize, total));
    }

    public static async Task<Results<Ok<RiskDto>, NotFound>> GetRisk(Guid id, RiskDbContext db, CancellationToken cancellationToken)
    {
        var risk = await db.Risks.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return risk is null ? TypedResults.NotFound() : TypedResults.Ok(RiskDto.From(risk));
    }

    public static async Task<Created<RiskDto>> CreateRisk(
        CreateRiskRequest request, RiskDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var risk = new Risk { Title = request.Title.Trim(), Owner = request.Owner.Trim(), Description = request.Description, CreatedAt = now };
        risk.Assess(new RiskScore(request.Likelihood, request.Impact), now);
        db.Risks.Add(risk);
        db.AddEvent(Assessed(risk, db.CurrentTenantId, isNew: true));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/risk/risks/{risk.Id}", RiskDto.From(risk));
    }

    public static async Task<Results<Ok<RiskDto>, NotFound>> UpdateRisk(
        Guid id, UpdateRiskRequest request, RiskDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var risk = await db.Risks.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (risk is null)
        {
            return TypedResults.NotFound();
        }

        db.ExpectVersion(risk, (uint)request.Version);
        var rescored = risk.Likelihood != request.Likelihood || risk.Impact != request.Impact;
        risk.Title = request.Title.Trim();
        risk.Owner = request.Owner.Trim();
        risk.Description = request.Description;
        risk.Assess(new RiskScore(request.Likelihood, request.Impact), clock.GetUtcNow());
        if (rescored)
        {
            db.AddEvent(Assessed(risk, db.CurrentTenantId, isNew: false));
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(RiskDto.From(risk));
    }

    public static async Task<Results<NoContent, NotFound>> DeleteRisk(
        Guid id, RiskDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var risk = await db.Risks.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (risk is null)
        {
            return TypedResults.NotFound();
        }

        db.Risks.Remove(risk);
        db.AddEvent(new RiskDeleted(db.CurrentTenantId, risk.Id, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static RiskAssessed Assessed(Risk risk, Guid tenantId, bool isNew) => new(
        tenantId, risk.Id, risk.Title, risk.Owner, risk.Likelihood, risk.Impact,
        risk.Score.Value, risk.Score.Band.ToString(), isNew, risk.UpdatedAt);
}
