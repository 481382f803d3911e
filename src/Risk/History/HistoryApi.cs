using IsmsCloud.BuildingBlocks.Audit;
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
            .WithName("GetRecordHistory").WithSummary("Every saved change of one record, newest first: its entries of the audit trail.");
        return app;
    }

    /// <summary>
    /// One record's entries of the audit trail, for every member who can see the record (the whole trail, its hashes and
    /// its verification are for admins and auditors, under /api/risk/audit-trail).
    /// </summary>
    public static async Task<Results<Ok<PagedResult<ChangeRecordDto>>, ValidationProblem>> GetHistory(
        Guid recordId, RiskDbContext db, [AsParameters] PageRequest paging, CancellationToken cancellationToken)
    {
        var errors = paging.Validate();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // Another tenant's record id simply has no history here: the filter hides its entries.
        var query = db.AuditTrail.AsNoTracking().Where(e => e.RecordId == recordId);
        return TypedResults.Ok(await query.OrderByDescending(e => e.Sequence).ToPageAsync(paging,
            rows => rows.Select(e => new ChangeRecordDto(e.Sequence, e.RecordType, e.RecordId,
                e.Action == AuditAction.Created ? ChangeKind.Created : e.Action == AuditAction.Deleted ? ChangeKind.Deleted : ChangeKind.Updated,
                e.ActorId, e.OccurredAt, e.Changes)),
            cancellationToken));
    }
}
