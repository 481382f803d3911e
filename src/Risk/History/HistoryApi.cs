using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.Risk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.History;

public static class HistoryApi
{
    public static IEndpointRouteBuilder MapHistoryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("api/risk/history/{recordId:guid}", GetHistory)
            .WithTags("History").RequireAuthorization(IsmsPolicies.TenantMember)
            .WithName("GetRecordHistory").WithSummary("Every saved change of one record, newest first.");
        return app;
    }

    public static async Task<Results<Ok<PagedResult<ChangeRecordDto>>, ValidationProblem>> GetHistory(
        Guid recordId, RiskDbContext db, [AsParameters] PageRequest paging, CancellationToken cancellationToken)
    {
        var errors = paging.Validate();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // Another tenant's record id simply has no history here: the filter hides its rows.
        var query = db.ChangeRecords.AsNoTracking().Where(c => c.RecordId == recordId);
        return TypedResults.Ok(await query.OrderByDescending(c => c.Id).ToPageAsync(paging,
            rows => rows.Select(c => new ChangeRecordDto(c.RecordType, c.RecordId, c.Kind, c.ChangedBy, c.ChangedAt, c.Changes)),
            cancellationToken));
    }
}
