using IsmsCloud.Audits.Access;
using IsmsCloud.Audits.Files;
using IsmsCloud.Audits.Findings;
using IsmsCloud.Audits.Infrastructure;
using IsmsCloud.BuildingBlocks.Files;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Members;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.Contracts.Events;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IsmsCloud.Audits.Actions;

/// <summary>Corrective actions (clause 10.2): owners act on their own; auditors check effectiveness, never of their own audit.</summary>
public static class CorrectiveActionsApi
{
    public static readonly FileKind[] EvidenceKinds = [FileKind.Pdf, FileKind.Png, FileKind.Jpeg];

    public static IEndpointRouteBuilder MapCorrectiveActionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/audit/corrective-actions").WithTags("Corrective actions").RequireAuthorization(IsmsPolicies.TenantMember);
        api.MapGet("", ListActions).WithName("ListCorrectiveActions").WithSummary("Corrective actions with their overdue age: paged, filtered (owner=me is the caller; dueWithinDays keeps open ones due by then), searched and sorted.");
        api.MapGet("{id:guid}", GetAction).WithName("GetCorrectiveAction").WithSummary("One corrective action.");
        api.MapPut("{id:guid}", UpdateAction).WithName("UpdateCorrectiveAction").WithSummary("The owner or a manager changes the action; carries the version read.");
        api.MapPut("{id:guid}/evidence-file", UploadEvidence).DisableAntiforgery().WithName("UploadClosureEvidence")
            .WithSummary("Attaches the closure evidence file (PDF, PNG or JPEG; raw body, ?fileName=).");
        api.MapGet("{id:guid}/evidence-file", DownloadEvidence).WithName("DownloadClosureEvidence").WithSummary("Downloads the closure evidence file.");
        api.MapPost("{id:guid}/close", CloseAction).WithName("CloseCorrectiveAction").WithSummary("Closes the action with its evidence; schedules the effectiveness check.");
        api.MapPost("{id:guid}/effectiveness", RecordEffectiveness).RequireAuthorization(AuditPolicies.Audit).WithName("RecordEffectiveness")
            .WithSummary("Records the effectiveness check; not effective reopens the action and its finding.");
        app.MapPost("api/audit/findings/{findingId:guid}/actions", CreateAction).WithTags("Corrective actions").RequireAuthorization(AuditPolicies.Manage)
            .WithName("CreateCorrectiveAction").WithSummary("Adds a corrective action to an open finding.");
        return app;
    }

    public static async Task<Results<Ok<PagedResult<CorrectiveActionDto>>, ValidationProblem>> ListActions(
        AuditDbContext db, Actor actor, TimeProvider clock, [AsParameters] PageRequest paging, CancellationToken cancellationToken,
        [FromQuery] CorrectiveActionStatus? status = null, [FromQuery] string? owner = null, [FromQuery] bool? overdue = null,
        [FromQuery] Guid? findingId = null, [FromQuery] string? search = null, [FromQuery] int? dueWithinDays = null,
        [FromQuery] CorrectiveActionSort sort = CorrectiveActionSort.DueOn)
    {
        var errors = paging.Validate(search).Check("owner", owner, dueWithinDays);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var today = clock.Today();
        var query = Filter(db, status, MyWorkFilters.PersonKey(owner, actor.Key), overdue, findingId, search, today);
        if (MyWorkFilters.DueBy(dueWithinDays, today) is { } dueBy)
        {
            // Not closed and due by the window's last day: the overdue ones are in every window.
            query = query.Where(a => a.Status != CorrectiveActionStatus.Closed && a.DueOn <= dueBy);
        }
        query = sort switch
        {
            CorrectiveActionSort.DueOnDescending => query.OrderByDescending(a => a.DueOn).ThenBy(a => a.Id),
            CorrectiveActionSort.Title => query.OrderBy(a => a.Title).ThenBy(a => a.Id),
            _ => query.OrderBy(a => a.DueOn).ThenBy(a => a.Id),
        };
        var page = await query.ToPageAsync(paging, cancellationToken);
        var files = await FilesOfAsync(db, page.Items, cancellationToken);
        return TypedResults.Ok(page.Select(a => CorrectiveActionDto.From(a, today, files.GetValueOrDefault(a.EvidenceFileId ?? Guid.Empty))));
    }

    internal static IQueryable<CorrectiveAction> Filter(
        AuditDbContext db, CorrectiveActionStatus? status, string? owner, bool? overdue, Guid? findingId, string? search, DateOnly today)
    {
        var query = db.CorrectiveActions.AsNoTracking();
        if (status is { } s)
        {
            query = query.Where(a => a.Status == s);
        }

        if (!string.IsNullOrWhiteSpace(owner))
        {
            var o = owner.Trim().ToLowerInvariant();
            query = query.Where(a => a.Owner == o);
        }

        if (overdue is { } late)
        {
            query = late
                ? query.Where(a => a.Status != CorrectiveActionStatus.Closed && a.DueOn < today)
                : query.Where(a => a.Status == CorrectiveActionStatus.Closed || a.DueOn >= today);
        }

        if (findingId is { } f)
        {
            query = query.Where(a => a.FindingId == f);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            query = query.Where(a => a.Title.ToLower().Contains(term) || a.Owner.Contains(term) || (a.Description != null && a.Description.ToLower().Contains(term)));
        }

        return query;
    }

    public static async Task<Results<Ok<CorrectiveActionDto>, NotFound>> GetAction(Guid id, AuditDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var action = await db.CorrectiveActions.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        return action is null ? TypedResults.NotFound() : TypedResults.Ok(await ToDtoAsync(db, action, clock, cancellationToken));
    }

    public static async Task<Results<Created<CorrectiveActionDto>, NotFound, ValidationProblem, ProblemHttpResult>> CreateAction(
        Guid findingId, CreateCorrectiveActionRequest request, AuditDbContext db, Actor actor, MemberDirectory members, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var finding = await db.Findings.FirstOrDefaultAsync(f => f.Id == findingId, cancellationToken);
        if (finding is null)
        {
            return TypedResults.NotFound();
        }

        if (!finding.IsActive)
        {
            return Refuse.Conflict($"The finding is {finding.Status}; corrective actions are added to open findings.");
        }

        var owner = request.Owner.Trim().ToLowerInvariant();
        var errors = new Dictionary<string, string[]>();
        CheckDue(request.DueOn, errors);
        if (await members.RefuseNonMembersAsync(actor.Key, cancellationToken, ("owner", owner)) is { } notMembers)
        {
            errors["owner"] = notMembers["owner"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow();
        var action = new CorrectiveAction
        {
            FindingId = findingId, AuditId = finding.AuditId, Title = request.Title.Trim(), Description = Trimmed(request.Description), Owner = owner,
            DueOn = request.DueOn, Status = CorrectiveActionStatus.Open,
            EffectivenessCheckDays = request.EffectivenessCheckDays ?? CorrectiveAction.DefaultEffectivenessCheckDays, CreatedAt = now, UpdatedAt = now,
        };
        db.CorrectiveActions.Add(action);
        AddChanged(db, action, now);
        await FollowActionsAsync(db, action, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/audit/corrective-actions/{action.Id}", CorrectiveActionDto.From(action, clock.Today(), null));
    }

    public static async Task<Results<Ok<CorrectiveActionDto>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateAction(
        Guid id, UpdateCorrectiveActionRequest request, AuditDbContext db, Actor actor, MemberDirectory members, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var action = await db.CorrectiveActions.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (action is null)
        {
            return TypedResults.NotFound();
        }

        if (OwnerOrManager(actor, action) is { } forbidden)
        {
            return forbidden;
        }

        var owner = request.Owner.Trim().ToLowerInvariant();
        if (owner != action.Owner && !actor.IsManager)
        {
            return Refuse.Forbidden("Only an ISMS manager can hand a corrective action to another owner.");
        }

        var errors = new Dictionary<string, string[]>();
        if (request.DueOn != action.DueOn)
        {
            CheckDue(request.DueOn, errors);
        }

        if (!Enum.IsDefined(request.Status))
        {
            errors["status"] = ["Unknown status."];
        }

        if (owner != action.Owner && await members.RefuseNonMembersAsync(actor.Key, cancellationToken, ("owner", owner)) is { } notMembers)
        {
            errors["owner"] = notMembers["owner"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow();
        if (request.Status != action.Status && action.SetProgress(request.Status, now) is { } refusal)
        {
            return Refuse.Conflict(refusal);
        }

        db.ExpectVersion(action, (uint)request.Version);
        action.Title = request.Title.Trim();
        action.Description = Trimmed(request.Description);
        action.Owner = owner;
        action.DueOn = request.DueOn;
        action.EvidenceLink = Trimmed(request.EvidenceLink);
        action.EffectivenessCheckDays = request.EffectivenessCheckDays ?? action.EffectivenessCheckDays;
        action.UpdatedAt = now;
        AddChanged(db, action, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await ToDtoAsync(db, action, clock, cancellationToken));
    }

    public static async Task<Results<Ok<CorrectiveActionDto>, NotFound, ValidationProblem, ProblemHttpResult>> UploadEvidence(
        Guid id, HttpRequest http, AuditDbContext db, Actor actor, TimeProvider clock, IOptions<AuditOptions> options,
        CancellationToken cancellationToken, [FromQuery] string? fileName = null)
    {
        var action = await db.CorrectiveActions.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (action is null)
        {
            return TypedResults.NotFound();
        }

        if (OwnerOrManager(actor, action) is { } forbidden)
        {
            return forbidden;
        }

        if (!action.IsOpen)
        {
            return Refuse.Conflict("The action is closed; its evidence no longer changes.");
        }

        var (file, error) = await FileUpload.ReadAsync(http.Body, fileName, http.ContentLength, new UploadRules(EvidenceKinds, options.Value.MaxFileBytes), cancellationToken);
        if (file is null)
        {
            return Refuse.Field("file", error!);
        }

        var now = clock.GetUtcNow();
        if (action.EvidenceFileId is { } old)
        {
            db.EvidenceFiles.RemoveRange(await db.EvidenceFiles.Where(f => f.Id == old).ToListAsync(cancellationToken));
        }

        var stored = new EvidenceFile
        {
            ActionId = id, FileName = file.FileName, ContentType = file.ContentType, SizeBytes = file.SizeBytes, Sha256 = file.Sha256,
            Content = file.Content, UploadedBy = actor.Key, UploadedAt = now,
        };
        db.EvidenceFiles.Add(stored);
        action.EvidenceFileId = stored.Id;
        action.UpdatedAt = now;
        AddChanged(db, action, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await ToDtoAsync(db, action, clock, cancellationToken));
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> DownloadEvidence(Guid id, AuditDbContext db, CancellationToken cancellationToken)
    {
        var action = await db.CorrectiveActions.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        var file = action?.EvidenceFileId is { } fileId ? await db.EvidenceFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, cancellationToken) : null;
        return file is null ? TypedResults.NotFound() : TypedResults.File(file.Content, file.ContentType, file.FileName);
    }

    public static async Task<Results<Ok<CorrectiveActionDto>, NotFound, ValidationProblem, ProblemHttpResult>> CloseAction(
        Guid id, CloseCorrectiveActionRequest request, AuditDbContext db, Actor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var action = await db.CorrectiveActions.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (action is null)
        {
            return TypedResults.NotFound();
        }

        if (OwnerOrManager(actor, action) is { } forbidden)
        {
            return forbidden;
        }

        var now = clock.GetUtcNow();
        if (action.Close(actor.Key, Trimmed(request.Note), clock.Today(), now) is { } refusal)
        {
            return refusal.Field == "status" ? Refuse.Conflict(refusal.Message) : Refuse.Field(refusal.Field, refusal.Message);
        }

        db.ExpectVersion(action, (uint)request.Version);
        AddChanged(db, action, now);
        await FollowActionsAsync(db, action, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await ToDtoAsync(db, action, clock, cancellationToken));
    }

    public static async Task<Results<Ok<CorrectiveActionDto>, NotFound, ValidationProblem, ProblemHttpResult>> RecordEffectiveness(
        Guid id, RecordEffectivenessRequest request, AuditDbContext db, Actor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var action = await db.CorrectiveActions.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (action is null)
        {
            return TypedResults.NotFound();
        }

        var audit = await db.Audits.AsNoTracking().FirstAsync(a => a.Id == action.AuditId, cancellationToken);
        if (actor.Is(audit.Auditor))
        {
            return Refuse.Forbidden("The audit's own auditor may not verify its corrective actions; ask another auditor or an ISMS manager.");
        }

        if (actor.Is(action.Owner))
        {
            return Refuse.Forbidden("The action's owner may not check its effectiveness.");
        }

        if (!Enum.IsDefined(request.Result))
        {
            return Refuse.Field("result", "Effective or NotEffective.");
        }

        var now = clock.GetUtcNow();
        if (action.RecordEffectiveness(request.Result, actor.Key, Trimmed(request.Note), clock.Today(), now) is { } refusal)
        {
            return refusal.Field == "status" ? Refuse.Conflict(refusal.Message) : Refuse.Field(refusal.Field, refusal.Message);
        }

        db.ExpectVersion(action, (uint)request.Version);
        AddChanged(db, action, now);
        if (request.Result == Effectiveness.NotEffective)
        {
            // The reopened action reopens its finding.
            await FollowActionsAsync(db, action, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await ToDtoAsync(db, action, clock, cancellationToken));
    }

    /// <summary>The finding follows its actions (<see cref="Finding.FollowActions"/>); a change of its status is published.</summary>
    private static async Task FollowActionsAsync(AuditDbContext db, CorrectiveAction changed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var finding = await db.Findings.FirstAsync(f => f.Id == changed.FindingId, cancellationToken);
        var others = await db.CorrectiveActions.Where(a => a.FindingId == changed.FindingId && a.Id != changed.Id).ToListAsync(cancellationToken);
        if (finding.FollowActions([.. others, changed], now))
        {
            await FindingsApi.AddChangedAsync(db, finding, now, cancellationToken);
        }
    }

    internal static void AddChanged(AuditDbContext db, CorrectiveAction a, DateTimeOffset now) => db.AddEvent(Changed(db, a, now));

    internal static CorrectiveActionChanged Changed(AuditDbContext db, CorrectiveAction a, DateTimeOffset at) =>
        new(db.CurrentTenantId, a.Id, a.FindingId, a.Title, a.Owner, a.DueOn, a.Status.ToString(), a.IsOpen,
            a.ClosedOn, a.EffectivenessCheckDueOn, a.Effectiveness?.ToString(), at, EventVersion.After(db, a));

    internal static async Task<Dictionary<Guid, EvidenceFileDto>> FilesOfAsync(AuditDbContext db, IEnumerable<CorrectiveAction> actions, CancellationToken cancellationToken)
    {
        var ids = actions.Select(a => a.EvidenceFileId).OfType<Guid>().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        // Metadata only: the bytes stay in the database.
        return await db.EvidenceFiles.AsNoTracking().Where(f => ids.Contains(f.Id))
            .Select(f => new { f.Id, Dto = new EvidenceFileDto(f.FileName, f.ContentType, f.SizeBytes, f.Sha256, f.UploadedAt) })
            .ToDictionaryAsync(f => f.Id, f => f.Dto, cancellationToken);
    }

    private static async Task<CorrectiveActionDto> ToDtoAsync(AuditDbContext db, CorrectiveAction action, TimeProvider clock, CancellationToken cancellationToken)
    {
        var files = await FilesOfAsync(db, [action], cancellationToken);
        return CorrectiveActionDto.From(action, clock.Today(), files.GetValueOrDefault(action.EvidenceFileId ?? Guid.Empty));
    }

    private static ProblemHttpResult? OwnerOrManager(Actor actor, CorrectiveAction action) =>
        actor.IsManager || actor.Is(action.Owner) ? null : Refuse.Forbidden("Only the action's owner or an ISMS manager can act on it.");

    private static void CheckDue(DateOnly dueOn, Dictionary<string, string[]> errors)
    {
        if (dueOn.Year is < 2000 or > 2100)
        {
            errors["dueOn"] = ["Give a due date between 2000 and 2100."];
        }
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
