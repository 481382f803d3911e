using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Trust.Infrastructure;
using IsmsCloud.Trust.Portal;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Trust.Scope;

/// <summary>
/// The versioned ISMS scope statement. One draft at a time; publishing numbers and freezes it; published versions
/// stay readable as history. Tenant isolation is the DbContext's: other tenants' ids answer 404.
/// </summary>
public static class ScopeApi
{
    public static IEndpointRouteBuilder MapScopeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/trust/scope").WithTags("Scope").RequireAuthorization(IsmsPolicies.TenantMember);

        api.MapGet("versions", ListVersions).WithName("ListScopeVersions").WithSummary("Lists the published scope versions, newest first.");
        api.MapGet("versions/{id:guid}", GetVersion).WithName("GetScopeVersion").WithSummary("Gets one scope version (published or the draft).");
        api.MapGet("draft", GetDraft).WithName("GetScopeDraft").WithSummary("Gets the draft, if there is one.");
        api.MapPost("draft", StartDraft).RequireAuthorization(TrustPolicies.EditTrust).WithName("StartScopeDraft")
            .WithSummary("Starts a draft from the latest published version (or empty); 409 if a draft exists.");
        api.MapPut("draft", UpdateDraft).RequireAuthorization(TrustPolicies.EditTrust).WithName("UpdateScopeDraft")
            .WithSummary("Replaces the draft's content; carries the version read.");
        api.MapDelete("draft", DiscardDraft).RequireAuthorization(TrustPolicies.EditTrust).WithName("DiscardScopeDraft").WithSummary("Discards the draft.");
        api.MapGet("draft/changes", DraftChanges).WithName("CompareScopeDraft").WithSummary("Compares the draft with the latest published version.");
        api.MapPost("draft/publish", Publish).RequireAuthorization(TrustPolicies.EditTrust).WithName("PublishScopeDraft")
            .WithSummary("Publishes the draft as the next numbered, immutable version; publishes ScopePublished.");
        return app;
    }

    public static async Task<Results<Ok<PagedResult<ScopeVersionSummaryDto>>, ValidationProblem>> ListVersions(
        TrustDbContext db, [AsParameters] PageRequest paging, CancellationToken cancellationToken)
    {
        var errors = paging.Validate();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.ScopeVersions.AsNoTracking().Where(s => s.Status == ScopeVersionStatus.Published);
        var page = await query.OrderByDescending(s => s.Number).ToPageAsync(paging, cancellationToken);
        return TypedResults.Ok(page.Select(s => new ScopeVersionSummaryDto(s.Id, s.Number!.Value, s.PublishedAt!.Value, s.PublishedBy ?? "",
            s.PublishedByName, s.Content.IncludedServices.Count, s.Content.Exclusions.Count)));
    }

    public static async Task<Results<Ok<ScopeVersionDto>, NotFound>> GetVersion(Guid id, TrustDbContext db, CancellationToken cancellationToken)
    {
        var version = await db.ScopeVersions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        return version is null ? TypedResults.NotFound() : TypedResults.Ok(ScopeVersionDto.From(version));
    }

    public static async Task<Results<Ok<ScopeVersionDto>, NotFound>> GetDraft(TrustDbContext db, CancellationToken cancellationToken)
    {
        var draft = await db.ScopeVersions.AsNoTracking().FirstOrDefaultAsync(s => s.Status == ScopeVersionStatus.Draft, cancellationToken);
        return draft is null ? TypedResults.NotFound() : TypedResults.Ok(ScopeVersionDto.From(draft));
    }

    public static async Task<Results<Created<ScopeVersionDto>, ProblemHttpResult>> StartDraft(
        TrustDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await db.ScopeVersions.AnyAsync(s => s.Status == ScopeVersionStatus.Draft, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: "A draft already exists; edit or discard it.");
        }

        var latest = await LatestPublishedAsync(db, cancellationToken);
        var draft = ScopeVersion.NewDraft(latest?.Content ?? ScopeContent.Empty, clock.GetUtcNow());
        db.ScopeVersions.Add(draft);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created("/api/trust/scope/draft", ScopeVersionDto.From(draft));
    }

    public static async Task<Results<Ok<ScopeVersionDto>, NotFound, ValidationProblem>> UpdateDraft(
        UpdateScopeDraftRequest request, TrustDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = ValidateLists(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var draft = await db.ScopeVersions.FirstOrDefaultAsync(s => s.Status == ScopeVersionStatus.Draft, cancellationToken);
        if (draft is null)
        {
            return TypedResults.NotFound();
        }

        db.ExpectVersion(draft, (uint)request.Version);
        draft.Revise(ToContent(request), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ScopeVersionDto.From(draft));
    }

    public static async Task<Results<NoContent, NotFound>> DiscardDraft(TrustDbContext db, CancellationToken cancellationToken)
    {
        var draft = await db.ScopeVersions.FirstOrDefaultAsync(s => s.Status == ScopeVersionStatus.Draft, cancellationToken);
        if (draft is null)
        {
            return TypedResults.NotFound();
        }

        db.ScopeVersions.Remove(draft);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<ScopeDraftChangesDto>, NotFound>> DraftChanges(TrustDbContext db, CancellationToken cancellationToken)
    {
        var draft = await db.ScopeVersions.AsNoTracking().FirstOrDefaultAsync(s => s.Status == ScopeVersionStatus.Draft, cancellationToken);
        if (draft is null)
        {
            return TypedResults.NotFound();
        }

        var latest = await LatestPublishedAsync(db, cancellationToken);
        return TypedResults.Ok(new ScopeDraftChangesDto(latest?.Number, ScopeComparison.Compare(latest?.Content ?? ScopeContent.Empty, draft.Content)));
    }

    public static async Task<Results<Ok<ScopeVersionDto>, NotFound, ValidationProblem>> Publish(
        PublishScopeRequest request, TrustDbContext db, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var draft = await db.ScopeVersions.FirstOrDefaultAsync(s => s.Status == ScopeVersionStatus.Draft, cancellationToken);
        if (draft is null)
        {
            return TypedResults.NotFound();
        }

        if (draft.Content.IncludedServices.Count == 0 || string.IsNullOrWhiteSpace(draft.Content.Summary))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["draft"] = ["A scope statement needs a summary and at least one included service before it is published."],
            });
        }

        db.ExpectVersion(draft, (uint)request.Version);
        var number = (await db.ScopeVersions.Where(s => s.Status == ScopeVersionStatus.Published).MaxAsync(s => s.Number, cancellationToken) ?? 0) + 1;
        var now = clock.GetUtcNow();
        draft.Publish(number, ActorName.Of(http.User), now);
        db.AddEvent(new ScopePublished(db.CurrentTenantId, draft.Id, number, now, draft.PublishedBy!,
            draft.Content.IncludedServices.Count, draft.Content.Exclusions.Count));
        // Two concurrent publishes: the draft's version check lets one through, and (TenantId, Number) is unique.
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ScopeVersionDto.From(draft));
    }

    internal static Task<ScopeVersion?> LatestPublishedAsync(TrustDbContext db, CancellationToken cancellationToken) =>
        db.ScopeVersions.AsNoTracking().Where(s => s.Status == ScopeVersionStatus.Published)
            .OrderByDescending(s => s.Number).FirstOrDefaultAsync(cancellationToken);

    private static ScopeContent ToContent(UpdateScopeDraftRequest r) => new(
        r.Summary?.Trim() ?? "",
        Clean(r.IncludedServices), Clean(r.Locations), Clean(r.Teams), Clean(r.Systems),
        (r.Exclusions ?? []).Select(e => new ScopeExclusion(e.Subject.Trim(), e.Justification.Trim())).ToList());

    private static List<string> Clean(IReadOnlyList<string>? items) =>
        (items ?? []).Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>The list entries' own limits, which DataAnnotations on the list cannot express.</summary>
    private static Dictionary<string, string[]> ValidateLists(UpdateScopeDraftRequest r)
    {
        var errors = new Dictionary<string, string[]>();
        Check(errors, "includedServices", r.IncludedServices);
        Check(errors, "locations", r.Locations);
        Check(errors, "teams", r.Teams);
        Check(errors, "systems", r.Systems);
        if (r.Exclusions is { } exclusions)
        {
            var duplicates = exclusions.GroupBy(e => e.Subject?.Trim() ?? "", StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            if (duplicates.Count > 0)
            {
                errors["exclusions"] = [$"Each exclusion is listed once: {string.Join(", ", duplicates)}."];
            }

            var included = (r.IncludedServices ?? []).Select(s => s?.Trim() ?? "").ToHashSet(StringComparer.OrdinalIgnoreCase);
            var contradicting = exclusions.Where(e => e.Subject is not null && included.Contains(e.Subject.Trim())).Select(e => e.Subject).ToList();
            if (contradicting.Count > 0)
            {
                errors["exclusions"] = [$"Excluded and included at once: {string.Join(", ", contradicting)}."];
            }
        }

        return errors;
    }

    private static void Check(Dictionary<string, string[]> errors, string field, IReadOnlyList<string>? items)
    {
        if (items is not null && items.Any(i => i is null || i.Length > 200))
        {
            errors[field] = ["Each entry must be given and at most 200 characters."];
        }
    }
}
