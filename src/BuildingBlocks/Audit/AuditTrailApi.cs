using System.Globalization;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace IsmsCloud.BuildingBlocks.Audit;

/// <summary>
/// The audit trail's endpoints, the same in every service under its own prefix (<c>api/risk</c> →
/// <c>/api/risk/audit-trail</c>): a page of entries, a verification of the whole chain (with an optional anchor),
/// and the export. For the tenant's admins and auditors; the tenant filter keeps every other tenant's chain out.
/// </summary>
public static class AuditTrailApi
{
    /// <param name="configure">More for the group (identity-api adds its member check).</param>
    public static IEndpointRouteBuilder MapAuditTrailApi(this IEndpointRouteBuilder app, string routePrefix, Action<RouteGroupBuilder>? configure = null)
    {
        var api = app.MapGroup($"{routePrefix.Trim('/')}/audit-trail").WithTags("Audit trail").RequireAuthorization(IsmsPolicies.AuditTrailReader);
        configure?.Invoke(api);
        var name = routePrefix.Trim('/').Replace("api/", "", StringComparison.Ordinal).Replace('/', '-');
        api.MapGet("", ListEntries).WithName($"{name}-ListAuditTrail")
            .WithSummary("A page of the audit trail, newest first; filters: recordId, actor (the token subject), from and to (UTC days, yyyy-MM-dd).");
        api.MapGet("verify", Verify).WithName($"{name}-VerifyAuditTrail")
            .WithSummary("Walks the whole chain and reports its first broken link; anchorSequence and anchorHash (from an export or a published head) also catch a shortened chain.");
        api.MapGet("export", Export).WithName($"{name}-ExportAuditTrail")
            .WithSummary("The whole chain as JSON lines (format=jsonl, the default) or CSV (format=csv), with the hashes, for checking offline.");
        return app;
    }

    public static async Task<Results<Ok<AuditTrailPage>, ValidationProblem>> ListEntries(
        IAuditChainSource source, [AsParameters] PageRequest paging, [AsParameters] AuditTrailQuery query, CancellationToken cancellationToken)
    {
        var errors = paging.Validate();
        var (filterErrors, filter) = query.Parse();
        foreach (var (field, messages) in filterErrors)
        {
            errors[field] = messages;
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await AuditTrailQuery.PageAsync(source.Chain, filter, paging, cancellationToken));
    }

    public static async Task<Results<Ok<AuditVerificationDto>, ValidationProblem>> Verify(
        IAuditChainSource source, TimeProvider clock, [FromQuery] string? anchorSequence, [FromQuery] string? anchorHash, CancellationToken cancellationToken)
    {
        var (errors, anchor) = ParseAnchor(anchorSequence, anchorHash);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await AuditVerifier.VerifyAsync(source.Chain, source.Service, anchor, clock.GetUtcNow(), cancellationToken));
    }

    public static Results<PushStreamHttpResult, ValidationProblem> Export(IAuditChainSource source, TimeProvider clock, [FromQuery] string? format, CancellationToken cancellationToken)
    {
        if (!TryParseFormat(format, out var parsed))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["The format is jsonl or csv."] });
        }

        var service = source.Service;
        return TypedResults.Stream(body => AuditExport.WriteAsync(source.Chain, service, parsed, body, cancellationToken),
            AuditExport.ContentType(parsed), AuditExport.FileName(service, parsed, clock.Today()));
    }

    public static (Dictionary<string, string[]> Errors, AuditAnchor? Anchor) ParseAnchor(string? sequence, string? hash)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(sequence) && string.IsNullOrEmpty(hash))
        {
            return (errors, null);
        }

        if (!long.TryParse(sequence, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            errors["anchorSequence"] = ["The anchor's sequence number is a whole number of 1 or more, given with its hash."];
        }

        var normalised = hash?.ToLowerInvariant();
        if (normalised is not { Length: 64 } || !normalised.All(char.IsAsciiHexDigitLower))
        {
            errors["anchorHash"] = ["The anchor's hash is 64 hexadecimal digits, given with its sequence number."];
        }

        return (errors, errors.Count == 0 ? new AuditAnchor(number, normalised!) : null);
    }

    private static bool TryParseFormat(string? text, out AuditExportFormat format)
    {
        format = AuditExportFormat.Jsonl;
        return string.IsNullOrEmpty(text) || (Enum.TryParse(text, ignoreCase: true, out format) && Enum.IsDefined(format));
    }

}

/// <summary>The chain the endpoints read: the current tenant's entries of this service, and the service's name in it.</summary>
public interface IAuditChainSource
{
    IQueryable<AuditEntry> Chain { get; }
    string Service { get; }
}

/// <summary>A tenant API's chain: its ServiceDbContext's trail, which the tenant filter keeps to the caller's tenant.</summary>
internal sealed class ServiceDbContextChainSource(ServiceDbContext db) : IAuditChainSource
{
    public IQueryable<AuditEntry> Chain => db.AuditTrail;

    public string Service => db.AuditServiceName ?? throw new InvalidOperationException($"{db.GetType().Name} names no audit chain.");
}
