using IsmsCloud.BuildingBlocks.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace IsmsCloud.BuildingBlocks.Audit;

/// <summary>One saved change of a record, as the record's history shows it: an entry of the audit trail.</summary>
public sealed record RecordChangeDto(long Sequence, string RecordType, Guid RecordId, AuditAction Kind, string ChangedBy, DateTimeOffset ChangedAt, string Changes);

/// <summary>
/// A record's history, the same in every service under its own prefix (<c>api/audit</c> →
/// <c>/api/audit/history/{recordId}</c>): that record's entries of the audit trail, newest first, for every member who
/// can see the record. The whole trail, its hashes and its verification stay with admins and auditors
/// (<see cref="AuditTrailApi"/>); this shows a detail page's "who changed what, when".
/// </summary>
public static class RecordHistoryApi
{
    public static IEndpointRouteBuilder MapRecordHistoryApi(this IEndpointRouteBuilder app, string routePrefix)
    {
        var name = routePrefix.Trim('/').Replace("api/", "", StringComparison.Ordinal).Replace('/', '-');
        app.MapGet($"{routePrefix.Trim('/')}/history/{{recordId:guid}}", GetHistory)
            .WithTags("History").RequireAuthorization(IsmsPolicies.TenantMember)
            .WithName($"{name}-GetRecordHistory").WithSummary("Every saved change of one record, newest first: its entries of the audit trail.");
        return app;
    }

    public static async Task<Results<Ok<PagedResult<RecordChangeDto>>, ValidationProblem>> GetHistory(
        Guid recordId, IAuditChainSource source, [AsParameters] PageRequest paging, CancellationToken cancellationToken)
    {
        var errors = paging.Validate();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // Another tenant's record id simply has no history here: the tenant filter hides its entries.
        var query = source.Chain.AsNoTracking().Where(e => e.RecordId == recordId);
        return TypedResults.Ok(await query.OrderByDescending(e => e.Sequence).ToPageAsync(paging,
            rows => rows.Select(e => new RecordChangeDto(e.Sequence, e.RecordType, e.RecordId, e.Action, e.ActorId, e.OccurredAt, e.Changes)),
            cancellationToken));
    }
}
