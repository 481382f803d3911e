using IsmsCloud.Audits.Access;
using IsmsCloud.Audits.Infrastructure;
using IsmsCloud.BuildingBlocks.Csv;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Members;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.Contracts.Events;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Audits.AccessReviews;

/// <summary>Access review campaigns (rule 9): accounts imported from CSV, decided by the reviewers, changes verified, then closed.</summary>
public static class CampaignsApi
{
    public static IEndpointRouteBuilder MapCampaignsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/audit/access-reviews").WithTags("Access reviews").RequireAuthorization(IsmsPolicies.TenantMember);
        api.MapGet("", ListCampaigns).WithName("ListCampaigns").WithSummary("Campaigns with their completion: paged, filtered (reviewer=me is the caller; dueWithinDays keeps open ones due by then), searched and sorted.");
        api.MapGet("summary", Summary).WithName("AccessReviewSummary").WithSummary("Completion, overdue campaigns and unverified revocations as signal 4 defines them.");
        api.MapGet("{id:guid}", GetCampaign).WithName("GetCampaign").WithSummary("One campaign, its progress, and the accounts that disappeared since the previous one.");
        api.MapGet("{id:guid}/items", ListItems).WithName("ListReviewItems").WithSummary("The campaign's accounts: paged, filtered, searched.");
        api.MapPost("", CreateCampaign).RequireAuthorization(AuditPolicies.Manage).WithName("CreateCampaign").WithSummary("Creates a draft campaign.");
        api.MapPut("{id:guid}", UpdateCampaign).RequireAuthorization(AuditPolicies.Manage).WithName("UpdateCampaign").WithSummary("Changes title, reviewers and due date.");
        api.MapPost("{id:guid}/items/import", ImportItems).RequireAuthorization(AuditPolicies.Manage).Accepts<string>("text/csv").WithName("ImportReviewItems")
            .WithSummary("Loads a draft's accounts from CSV (user, email, account, entitlements, privileged, last_login); nothing is saved unless every row is valid.");
        api.MapPost("{id:guid}/open", OpenCampaign).RequireAuthorization(AuditPolicies.Manage).WithName("OpenCampaign").WithSummary("Opens a draft for decisions.");
        api.MapPost("{id:guid}/close", CloseCampaign).WithName("CloseCampaign").WithSummary("Closes a campaign whose items are all decided and verified.");
        api.MapPost("{id:guid}/cancel", CancelCampaign).RequireAuthorization(AuditPolicies.Manage).WithName("CancelCampaign").WithSummary("Cancels a draft or open campaign.");
        api.MapPost("{id:guid}/items/{itemId:guid}/decision", DecideItem).WithName("DecideReviewItem").WithSummary("A reviewer decides Keep, Revoke or Modify.");
        api.MapPost("{id:guid}/items/{itemId:guid}/verification", VerifyItem).WithName("VerifyReviewItem").WithSummary("Confirms a revocation or modification was made.");
        return app;
    }

    public static async Task<Results<Ok<PagedResult<CampaignDto>>, ValidationProblem>> ListCampaigns(
        AuditDbContext db, Actor actor, TimeProvider clock, [AsParameters] PageRequest paging, CancellationToken cancellationToken,
        [FromQuery] CampaignStatus? status = null, [FromQuery] string? system = null, [FromQuery] bool? overdue = null, [FromQuery] string? search = null,
        [FromQuery] string? reviewer = null, [FromQuery] int? dueWithinDays = null)
    {
        var errors = paging.Validate(search).Check("reviewer", reviewer, dueWithinDays);
        if (system is { Length: > 200 })
        {
            errors["system"] = ["A system name has at most 200 characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var today = clock.Today();
        var filtered = Filter(db, status, system, overdue, search, today);
        if (MyWorkFilters.PersonKey(reviewer, actor.Key) is { } key)
        {
            filtered = filtered.Where(c => c.Reviewers.Contains(key));
        }

        if (MyWorkFilters.DueBy(dueWithinDays, today) is { } dueBy)
        {
            // Open for decisions and due by the window's last day: the overdue ones are in every window.
            filtered = filtered.Where(c => c.Status == CampaignStatus.Open && c.DueOn <= dueBy);
        }

        // The soonest due first when asking what is due; otherwise the newest campaigns first, as before.
        var query = dueWithinDays is null ? filtered.OrderByDescending(c => c.DueOn).ThenBy(c => c.Id) : filtered.OrderBy(c => c.DueOn).ThenBy(c => c.Id);
        var page = await query.ToPageAsync(paging, cancellationToken);
        var progress = await ProgressAsync(db, page.Items.Select(c => c.Id).ToList(), cancellationToken);
        return TypedResults.Ok(page.Select(c => ToDto(c, progress.GetValueOrDefault(c.Id), today)));
    }

    internal static IQueryable<Campaign> Filter(AuditDbContext db, CampaignStatus? status, string? system, bool? overdue, string? search, DateOnly today)
    {
        var query = db.Campaigns.AsNoTracking();
        if (status is { } s)
        {
            query = query.Where(c => c.Status == s);
        }

        if (!string.IsNullOrWhiteSpace(system))
        {
            var key = Campaign.KeyOf(system);
            query = query.Where(c => c.SystemKey == key);
        }

        if (overdue is { } late)
        {
            query = late ? query.Where(c => c.Status == CampaignStatus.Open && c.DueOn < today) : query.Where(c => c.Status != CampaignStatus.Open || c.DueOn >= today);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            query = query.Where(c => c.Title.ToLower().Contains(term) || c.SystemKey.Contains(term));
        }

        return query;
    }

    public static async Task<Results<Ok<AccessReviewSummaryDto>, ValidationProblem>> Summary(
        AuditDbContext db, TimeProvider clock, CancellationToken cancellationToken, [FromQuery] DateOnly? asOf = null)
    {
        var day = asOf ?? clock.Today();
        var campaigns = await db.Campaigns.AsNoTracking().Where(c => c.Status != CampaignStatus.Draft && c.Status != CampaignStatus.Cancelled)
            .Select(c => new { c.Id, c.Status, c.DueOn, c.ItemCount }).ToListAsync(cancellationToken);
        var progress = await ProgressAsync(db, campaigns.Select(c => c.Id).ToList(), cancellationToken);
        return TypedResults.Ok(AccessReviewCompletion.Of(campaigns.Select(c =>
        {
            var p = progress.GetValueOrDefault(c.Id) ?? new CampaignProgress(c.ItemCount, 0, 0);
            return new CampaignFacts(c.Status, c.DueOn, p.Items, p.Decided, p.Unverified);
        }), day));
    }

    public static async Task<Results<Ok<CampaignDetailDto>, NotFound>> GetCampaign(Guid id, AuditDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        return campaign is null ? TypedResults.NotFound() : TypedResults.Ok(await DetailAsync(db, campaign, clock.Today(), cancellationToken));
    }

    private static async Task<CampaignDetailDto> DetailAsync(AuditDbContext db, Campaign campaign, DateOnly today, CancellationToken cancellationToken)
    {
        var progress = await ProgressAsync(db, [campaign.Id], cancellationToken);
        var changes = await db.ReviewItems.Where(i => i.CampaignId == campaign.Id && i.Change != null && i.Change != AccountChange.Unchanged)
            .GroupBy(i => i.Change).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var disappeared = new List<DisappearedAccountDto>();
        if (campaign.PreviousCampaignId is { } previous)
        {
            disappeared = await db.ReviewItems.AsNoTracking()
                .Where(p => p.CampaignId == previous && !db.ReviewItems.Any(i => i.CampaignId == campaign.Id && i.AccountKey == p.AccountKey))
                .OrderBy(p => p.AccountKey).Take(500)
                .Select(p => new DisappearedAccountDto(p.Account, p.UserName, p.Email, p.Entitlements, p.Privileged, p.Decision))
                .ToListAsync(cancellationToken);
        }

        return new CampaignDetailDto(ToDto(campaign, progress.GetValueOrDefault(campaign.Id), today),
            changes.FirstOrDefault(c => c.Key == AccountChange.New)?.Count ?? 0, changes.FirstOrDefault(c => c.Key == AccountChange.Changed)?.Count ?? 0,
            disappeared);
    }

    public static async Task<Results<Ok<PagedResult<ReviewItemDto>>, NotFound, ValidationProblem>> ListItems(
        Guid id, AuditDbContext db, [AsParameters] PageRequest paging, CancellationToken cancellationToken,
        [FromQuery] ItemState? state = null, [FromQuery] ReviewDecision? decision = null, [FromQuery] AccountChange? change = null,
        [FromQuery] bool? privileged = null, [FromQuery] string? search = null)
    {
        var errors = paging.Validate(search);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!await db.Campaigns.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var query = ItemFilter(db, id, state, decision, change, privileged, search).OrderBy(i => i.AccountKey).ThenBy(i => i.Id);
        var page = await query.ToPageAsync(paging, q => q.Select(i => new ReviewItemDto(
            i.Id, i.CampaignId, i.UserName, i.Email, i.Account, i.Entitlements, i.Privileged, i.LastLoginOn, i.Change, i.Decision, i.Justification,
            i.DecidedBy, i.DecidedAt, i.Decision == ReviewDecision.Revoke || i.Decision == ReviewDecision.Modify, i.VerifiedBy, i.VerifiedAt,
            i.VerificationEvidence, i.Version)), cancellationToken);
        return TypedResults.Ok(page);
    }

    internal static IQueryable<ReviewItem> ItemFilter(AuditDbContext db, Guid? campaignId, ItemState? state, ReviewDecision? decision, AccountChange? change, bool? privileged, string? search)
    {
        var query = db.ReviewItems.AsNoTracking();
        if (campaignId is { } id)
        {
            query = query.Where(i => i.CampaignId == id);
        }

        query = state switch
        {
            ItemState.Undecided => query.Where(i => i.Decision == null),
            ItemState.Decided => query.Where(i => i.Decision != null),
            ItemState.Unverified => query.Where(i => (i.Decision == ReviewDecision.Revoke || i.Decision == ReviewDecision.Modify) && i.VerifiedAt == null),
            _ => query,
        };
        if (decision is { } d)
        {
            query = query.Where(i => i.Decision == d);
        }

        if (change is { } c)
        {
            query = query.Where(i => i.Change == c);
        }

        if (privileged is { } p)
        {
            query = query.Where(i => i.Privileged == p);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            query = query.Where(i => i.AccountKey.Contains(term) || i.UserName.ToLower().Contains(term) || (i.Email != null && i.Email.Contains(term)));
        }

        return query;
    }

    public static async Task<Results<Created<CampaignDetailDto>, ValidationProblem>> CreateCampaign(
        CreateCampaignRequest request, AuditDbContext db, Actor actor, MemberDirectory members, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (reviewers, errors) = await CheckAsync(request.Reviewers, request.DueOn, actor, members, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow();
        var campaign = new Campaign { System = "", Title = request.Title.Trim(), Reviewers = reviewers, DueOn = request.DueOn, Status = CampaignStatus.Draft, CreatedAt = now, UpdatedAt = now };
        campaign.Name(request.System);
        db.Campaigns.Add(campaign);
        AddChanged(db, campaign, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/audit/access-reviews/{campaign.Id}", await DetailAsync(db, campaign, clock.Today(), cancellationToken));
    }

    public static async Task<Results<Ok<CampaignDetailDto>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateCampaign(
        Guid id, UpdateCampaignRequest request, AuditDbContext db, Actor actor, MemberDirectory members, TimeProvider clock, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
        {
            return TypedResults.NotFound();
        }

        if (campaign.Status is not (CampaignStatus.Draft or CampaignStatus.Open))
        {
            return Refuse.Conflict($"The campaign is {campaign.Status}; it no longer changes.");
        }

        var (reviewers, errors) = await CheckAsync(request.Reviewers, request.DueOn, actor, members, cancellationToken, campaign.Reviewers);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow();
        db.ExpectVersion(campaign, (uint)request.Version);
        campaign.Title = request.Title.Trim();
        campaign.Reviewers = reviewers;
        campaign.DueOn = request.DueOn;
        campaign.UpdatedAt = now;
        AddChanged(db, campaign, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await DetailAsync(db, campaign, clock.Today(), cancellationToken));
    }

    public static async Task<Results<Ok<CampaignImportResult>, NotFound, ValidationProblem, ProblemHttpResult>> ImportItems(
        Guid id, HttpRequest request, AuditDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
        {
            return TypedResults.NotFound();
        }

        if (campaign.Status != CampaignStatus.Draft || campaign.ItemCount > 0)
        {
            return Refuse.Conflict("Accounts are imported once, into a draft campaign that has none yet.");
        }

        // The latest earlier campaign of the same system that was not cancelled: the base of New / Unchanged / Changed.
        var previousId = await db.Campaigns.AsNoTracking()
            .Where(c => c.SystemKey == campaign.SystemKey && c.Id != id && c.CreatedAt < campaign.CreatedAt && c.Status != CampaignStatus.Cancelled && c.ItemCount > 0)
            .OrderByDescending(c => c.CreatedAt).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
        var previous = await ReviewItemImport.PreviousItemsAsync(db, previousId, cancellationToken);
        var version = campaign.Version;
        var (count, errors) = await CsvImport.RunAsync(request, new ReviewItemImport(id, previous), db, cancellationToken, async imported =>
        {
            var tracked = await db.Campaigns.FirstAsync(c => c.Id == id, cancellationToken);
            db.ExpectVersion(tracked, version);
            var now = clock.GetUtcNow();
            tracked.ItemCount = imported;
            tracked.PreviousCampaignId = previousId;
            tracked.UpdatedAt = now;
            AddChanged(db, tracked, now);
        });
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: CsvImport.NothingImportedTitle);
        }

        var saved = await db.Campaigns.AsNoTracking().FirstAsync(c => c.Id == id, cancellationToken);
        var progress = await ProgressAsync(db, [id], cancellationToken);
        return TypedResults.Ok(new CampaignImportResult(count, ToDto(saved, progress.GetValueOrDefault(id), clock.Today())));
    }

    public static Task<Results<Ok<CampaignDetailDto>, NotFound, ProblemHttpResult>> OpenCampaign(
        Guid id, CampaignVersionRequest request, AuditDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        StepAsync(id, request, db, clock, (campaign, _, now) => Task.FromResult(campaign.Open(now)), cancellationToken);

    public static Task<Results<Ok<CampaignDetailDto>, NotFound, ProblemHttpResult>> CancelCampaign(
        Guid id, CampaignVersionRequest request, AuditDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        StepAsync(id, request, db, clock, (campaign, _, now) => Task.FromResult(campaign.Cancel(now)), cancellationToken);

    public static async Task<Results<Ok<CampaignDetailDto>, NotFound, ProblemHttpResult>> CloseCampaign(
        Guid id, CampaignVersionRequest request, AuditDbContext db, Actor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
        {
            return TypedResults.NotFound();
        }

        if (!actor.IsManager && !campaign.IsReviewer(actor.Key))
        {
            return Refuse.Forbidden("Only a reviewer of the campaign or an ISMS manager can close it.");
        }

        return await StepAsync(id, request, db, clock, async (tracked, ct, now) =>
            tracked.Close((await ProgressAsync(db, [id], ct)).GetValueOrDefault(id) ?? new CampaignProgress(0, 0, 0), actor.Key, now), cancellationToken);
    }

    private static async Task<Results<Ok<CampaignDetailDto>, NotFound, ProblemHttpResult>> StepAsync(
        Guid id, CampaignVersionRequest request, AuditDbContext db, TimeProvider clock,
        Func<Campaign, CancellationToken, DateTimeOffset, Task<string?>> step, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
        {
            return TypedResults.NotFound();
        }

        var now = clock.GetUtcNow();
        if (await step(campaign, cancellationToken, now) is { } refusal)
        {
            return Refuse.Conflict(refusal);
        }

        db.ExpectVersion(campaign, (uint)request.Version);
        AddChanged(db, campaign, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await DetailAsync(db, campaign, clock.Today(), cancellationToken));
    }

    public static async Task<Results<Ok<ReviewItemDto>, NotFound, ValidationProblem, ProblemHttpResult>> DecideItem(
        Guid id, Guid itemId, DecideItemRequest request, AuditDbContext db, Actor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (campaign, item) = await LoadItemAsync(db, id, itemId, cancellationToken);
        if (campaign is null || item is null)
        {
            return TypedResults.NotFound();
        }

        if (!campaign.IsReviewer(actor.Key))
        {
            return Refuse.Forbidden("Only the campaign's reviewers decide its items.");
        }

        if (item.Email is { } email && actor.Is(email))
        {
            return Refuse.Forbidden("A reviewer does not decide on their own account; another reviewer must.");
        }

        if (campaign.Status != CampaignStatus.Open)
        {
            return Refuse.Conflict($"The campaign is {campaign.Status}; items are decided while it is open.");
        }

        if (!Enum.IsDefined(request.Decision))
        {
            return Refuse.Field("decision", "Keep, Revoke or Modify.");
        }

        var now = clock.GetUtcNow();
        if (item.Decide(request.Decision, request.Justification, actor.Key, now) is { } refusal)
        {
            return Refuse.Field(refusal.Field, refusal.Message);
        }

        db.ExpectVersion(item, (uint)request.Version);
        AddChanged(db, item, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToDto(item));
    }

    public static async Task<Results<Ok<ReviewItemDto>, NotFound, ValidationProblem, ProblemHttpResult>> VerifyItem(
        Guid id, Guid itemId, VerifyItemRequest request, AuditDbContext db, Actor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (campaign, item) = await LoadItemAsync(db, id, itemId, cancellationToken);
        if (campaign is null || item is null)
        {
            return TypedResults.NotFound();
        }

        if (!actor.IsManager && !campaign.IsReviewer(actor.Key))
        {
            return Refuse.Forbidden("Only a reviewer of the campaign or an ISMS manager verifies its changes.");
        }

        if (campaign.Status != CampaignStatus.Open)
        {
            return Refuse.Conflict($"The campaign is {campaign.Status}; changes are verified while it is open.");
        }

        var now = clock.GetUtcNow();
        if (item.Verify(request.Evidence, actor.Key, now) is { } refusal)
        {
            return refusal.Field == "evidence" ? Refuse.Field(refusal.Field, refusal.Message) : Refuse.Conflict(refusal.Message);
        }

        db.ExpectVersion(item, (uint)request.Version);
        AddChanged(db, item, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToDto(item));
    }

    private static async Task<(Campaign? Campaign, ReviewItem? Item)> LoadItemAsync(AuditDbContext db, Guid id, Guid itemId, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        var item = campaign is null ? null : await db.ReviewItems.FirstOrDefaultAsync(i => i.Id == itemId && i.CampaignId == id, cancellationToken);
        return (campaign, item);
    }

    /// <summary>Items, decided and unverified per campaign, counted in SQL.</summary>
    internal static async Task<Dictionary<Guid, CampaignProgress>> ProgressAsync(AuditDbContext db, List<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var rows = await db.ReviewItems.Where(i => ids.Contains(i.CampaignId)).GroupBy(i => i.CampaignId)
            .Select(g => new
            {
                g.Key,
                Items = g.Count(),
                Decided = g.Count(i => i.Decision != null),
                Unverified = g.Count(i => (i.Decision == ReviewDecision.Revoke || i.Decision == ReviewDecision.Modify) && i.VerifiedAt == null),
            }).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Key, r => new CampaignProgress(r.Items, r.Decided, r.Unverified));
    }

    private static async Task<(List<string> Reviewers, Dictionary<string, string[]> Errors)> CheckAsync(
        IReadOnlyList<string> requested, DateOnly dueOn, Actor actor, MemberDirectory members, CancellationToken cancellationToken, List<string>? current = null)
    {
        var errors = new Dictionary<string, string[]>();
        var reviewers = requested.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim().ToLowerInvariant()).Distinct().ToList();
        if (reviewers.Count == 0)
        {
            errors["reviewers"] = ["Name at least one reviewer."];
        }

        for (var i = 0; i < reviewers.Count; i++)
        {
            if (reviewers[i].Length > 200 || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(reviewers[i]))
            {
                errors[$"reviewers[{i}]"] = ["Must be an e-mail address."];
            }
        }

        if (errors.Count == 0)
        {
            var added = reviewers.Except(current ?? []).Select((r, i) => ($"reviewers[{reviewers.IndexOf(r)}]", (string?)r)).ToArray();
            if (await members.RefuseNonMembersAsync(actor.Key, cancellationToken, added) is { } notMembers)
            {
                foreach (var (field, messages) in notMembers)
                {
                    errors[field] = messages;
                }
            }
        }

        if (dueOn.Year is < 2000 or > 2100)
        {
            errors["dueOn"] = ["Give a due date between 2000 and 2100."];
        }

        return (reviewers, errors);
    }

    private static void AddChanged(AuditDbContext db, Campaign c, DateTimeOffset now) => db.AddEvent(Changed(db, c, now));

    private static void AddChanged(AuditDbContext db, ReviewItem i, DateTimeOffset now) => db.AddEvent(Changed(db, i, now));

    internal static AccessReviewChanged Changed(AuditDbContext db, Campaign c, DateTimeOffset at) =>
        new(db.CurrentTenantId, c.Id, c.System, c.Status.ToString(), c.DueOn, c.ItemCount, at, EventVersion.After(db, c), c.Reviewers.ToList(), c.Title);

    internal static AccessReviewItemChanged Changed(AuditDbContext db, ReviewItem i, DateTimeOffset at) =>
        new(db.CurrentTenantId, i.Id, i.CampaignId, i.Decision?.ToString(), i.IsVerified, at, EventVersion.After(db, i));

    internal static CampaignDto ToDto(Campaign c, CampaignProgress? progress, DateOnly today)
    {
        var p = progress ?? new CampaignProgress(0, 0, 0);
        return new CampaignDto(c.Id, c.System, c.Title, c.Reviewers, c.DueOn, c.Status, c.PreviousCampaignId, p.Items, p.Decided, p.Unverified,
            p.Completion, c.IsOverdue(today), c.OpenedAt, c.ClosedAt, c.Version, c.UpdatedAt);
    }

    internal static ReviewItemDto ToDto(ReviewItem i) => new(
        i.Id, i.CampaignId, i.UserName, i.Email, i.Account, i.Entitlements, i.Privileged, i.LastLoginOn, i.Change, i.Decision, i.Justification,
        i.DecidedBy, i.DecidedAt, i.NeedsVerification, i.VerifiedBy, i.VerifiedAt, i.VerificationEvidence, i.Version);
}
