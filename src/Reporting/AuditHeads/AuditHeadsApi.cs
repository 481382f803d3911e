using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.Reporting.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Reporting.AuditHeads;

public sealed record AuditHeadDto(string Service, DateOnly Day, long Sequence, string Hash, DateTimeOffset HeadOccurredAt, DateTimeOffset PublishedAt, DateTimeOffset ReceivedAt);

public static class AuditHeadsApi
{
    public const int MaxServiceLength = 32;

    public static IEndpointRouteBuilder MapAuditHeadsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("api/reporting/audit-heads", ListHeads)
            .WithTags("Audit trail").RequireAuthorization(IsmsPolicies.AuditTrailReader)
            .WithName("ListAuditHeads")
            .WithSummary("The audit-chain heads the services published at the close of each day, newest first; an anchor for their verify endpoints. Filter: service (risk, trust).");
        return app;
    }

    public static async Task<Results<Ok<PagedResult<AuditHeadDto>>, ValidationProblem>> ListHeads(
        ReportingDbContext db, [AsParameters] PageRequest paging, [FromQuery] string? service, CancellationToken cancellationToken)
    {
        var errors = paging.Validate();
        if (service is { Length: > MaxServiceLength })
        {
            errors["service"] = [$"The service name must be at most {MaxServiceLength} characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.AuditHeads.AsNoTracking();
        if (!string.IsNullOrEmpty(service))
        {
            query = query.Where(h => h.Service == service);
        }

        return TypedResults.Ok(await query.OrderByDescending(h => h.Day).ThenBy(h => h.Service).ToPageAsync(paging,
            rows => rows.Select(h => new AuditHeadDto(h.Service, h.Day, h.Sequence, h.Hash, h.HeadOccurredAt, h.PublishedAt, h.ReceivedAt)),
            cancellationToken));
    }
}
