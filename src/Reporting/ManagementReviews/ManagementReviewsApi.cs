using System.Security.Claims;
using System.Text;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Members;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Contracts;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Reporting.Facts;
using IsmsCloud.Reporting.Infrastructure;
using IsmsCloud.Reporting.Signals;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Reporting.ManagementReviews;

/// <summary>Management reviews (clause 9.3, rule 10): plan, fill, decide, sign (which locks), the pack and the CSV.</summary>
public static class ManagementReviewsApi
{
    public const string Manage = "ManagementReviewManage";

    public static IServiceCollection AddManagementReviews(this IServiceCollection services)
    {
        services.AddScoped<ReviewAssembler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Manage, policy => policy.RequireAuthenticatedUser().RequireClaim(IsmsClaims.TenantId).RequireRole(IsmsRoles.Managers));
        return services;
    }

    public static IEndpointRouteBuilder MapManagementReviewsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/reporting/management-reviews").WithTags("Management reviews").RequireAuthorization(IsmsPolicies.TenantMember);
        api.MapGet("", List).WithName("ListManagementReviews")
            .WithSummary("The tenant's management reviews, newest date first, with their status and the days since the last signed one.");
        api.MapPost("", Plan).RequireAuthorization(Manage).WithName("PlanManagementReview")
            .WithSummary("Plans a review: title, date, chair and attendees (active members; their names are frozen on the record).");
        api.MapGet("{id:guid}", Get).WithName("GetManagementReview")
            .WithSummary("One review with its inputs (clause 9.3.2 a–g) as of its date — assembled now, or the frozen snapshot once signed — and its decisions.");
        api.MapPut("{id:guid}", Update).RequireAuthorization(Manage).WithName("UpdateManagementReview")
            .WithSummary("Changes the record and the free-text inputs; 409 once signed.");
        api.MapPost("{id:guid}/decisions", AddDecision).RequireAuthorization(Manage).WithName("AddManagementReviewDecision")
            .WithSummary("Records a decision linked to risks, controls or suppliers, perhaps requesting treatment actions (created in risk-api at sign-off); 409 once signed.");
        api.MapPut("{id:guid}/decisions/{decisionId:guid}", UpdateDecision).RequireAuthorization(Manage).WithName("UpdateManagementReviewDecision")
            .WithSummary("Changes a decision; 409 once signed.");
        api.MapDelete("{id:guid}/decisions/{decisionId:guid}", DeleteDecision).RequireAuthorization(Manage).WithName("DeleteManagementReviewDecision")
            .WithSummary("Removes a decision (version=the review's version read); 409 once signed.");
        api.MapPost("{id:guid}/sign", Sign).WithName("SignManagementReview")
            .WithSummary("The chair signs: the inputs are frozen as a snapshot hashed with SHA-256 over RFC 8785 JSON, the record is locked and the requested actions go to risk-api.");
        api.MapGet("{id:guid}/pack.pdf", Pack).WithName("DownloadManagementReviewPack")
            .WithSummary("The review pack as PDF: cover, attendees, inputs with figures and trend charts, patterns, decisions and actions, the snapshot hash.");
        api.MapGet("{id:guid}/decisions.csv", DecisionsCsv).WithName("ExportManagementReviewDecisions")
            .WithSummary("The review's decisions and requested actions as CSV, one row per action (a decision without one has a row of its own).");
        return app;
    }

    public static async Task<Ok<ReviewListDto>> List(ReportingDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var reviews = await db.ManagementReviews.AsNoTracking().OrderByDescending(r => r.ReviewDate).ThenByDescending(r => r.CreatedAt).ToListAsync(cancellationToken);
        var counts = await db.ManagementReviewDecisions.AsNoTracking().GroupBy(d => d.ReviewId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var lastSigned = reviews.Where(r => r.IsSigned).Select(r => (DateOnly?)r.ReviewDate).Max();
        var today = BuildingBlocks.Time.ClockExtensions.Today(clock);
        var items = reviews.Select(r => new ReviewSummaryDto(r.Id, r.Title, r.ReviewDate, new Person(r.Chair, r.ChairName), r.Attendees.Count, r.Status,
            counts.GetValueOrDefault(r.Id), r.SignedAt, r.SnapshotSha256, r.Version)).ToList();
        return TypedResults.Ok(new ReviewListDto(items, items.Count, lastSigned, lastSigned is { } d ? today.DayNumber - d.DayNumber : null));
    }

    public static async Task<Results<Created<ReviewDto>, ValidationProblem>> Plan(
        PlanReviewRequest? request, ReportingDbContext db, MemberDirectory members, ReviewAssembler assembler, ClaimsPrincipal user, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var actor = ActorName.Of(user);
        var errors = new Dictionary<string, string[]>();
        var fields = ValidateRecord(request?.Title, request?.ReviewDate, request?.Chair, request?.Attendees, errors);
        if (errors.Count == 0)
        {
            await CheckMembersAsync(members, actor.Key, fields.Chair!, fields.Attendees, errors, cancellationToken);
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow();
        var names = await NamesAsync(db, [fields.Chair!, .. fields.Attendees], cancellationToken);
        var review = new ManagementReview
        {
            Title = fields.Title!, ReviewDate = request!.ReviewDate!.Value, Chair = fields.Chair!, ChairName = names[fields.Chair!],
            Attendees = fields.Attendees.Select(a => new Person(a, names[a])).ToList(), CreatedBy = actor.Key, CreatedAt = now, UpdatedAt = now,
        };
        db.ManagementReviews.Add(review);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/reporting/management-reviews/{review.Id}", await DtoAsync(review, assembler, user, cancellationToken));
    }

    public static async Task<Results<Ok<ReviewDto>, NotFound>> Get(
        Guid id, ReportingDbContext db, ReviewAssembler assembler, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var review = await db.ManagementReviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return review is null ? TypedResults.NotFound() : TypedResults.Ok(await DtoAsync(review, assembler, user, cancellationToken));
    }

    public static async Task<Results<Ok<ReviewDto>, NotFound, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, UpdateReviewRequest? request, ReportingDbContext db, MemberDirectory members, ReviewAssembler assembler, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var review = await db.ManagementReviews.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (review is null)
        {
            return TypedResults.NotFound();
        }

        if (review.IsSigned)
        {
            return Locked();
        }

        var errors = new Dictionary<string, string[]>();
        var fields = ValidateRecord(request?.Title, request?.ReviewDate, request?.Chair, request?.Attendees, errors);
        Text(request?.IssueChanges, "issueChanges", errors);
        Text(request?.InterestedPartiesFeedback, "interestedPartiesFeedback", errors);
        Text(request?.ImprovementOpportunities, "improvementOpportunities", errors);
        var version = ValidateVersion(request?.Version, errors);
        if (errors.Count == 0)
        {
            await CheckMembersAsync(members, ActorName.Of(user).Key, fields.Chair!, fields.Attendees, errors, cancellationToken);
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        db.ExpectVersion(review, version);
        var names = await NamesAsync(db, [fields.Chair!, .. fields.Attendees], cancellationToken);
        // A person already on the record keeps the name frozen then; a newly named one gets today's.
        var frozen = review.Attendees.Append(new Person(review.Chair, review.ChairName)).GroupBy(p => p.Email).ToDictionary(g => g.Key, g => g.First().Name);
        string NameOf(string email) => frozen.TryGetValue(email, out var name) ? name : names[email];
        review.Title = fields.Title!;
        review.ReviewDate = request!.ReviewDate!.Value;
        review.ChairName = NameOf(fields.Chair!);
        review.Chair = fields.Chair!;
        review.Attendees = fields.Attendees.Select(a => new Person(a, NameOf(a))).ToList();
        review.IssueChanges = Trimmed(request.IssueChanges);
        review.InterestedPartiesFeedback = Trimmed(request.InterestedPartiesFeedback);
        review.ImprovementOpportunities = Trimmed(request.ImprovementOpportunities);
        if (review.IssueChanges is not null || review.InterestedPartiesFeedback is not null || review.ImprovementOpportunities is not null)
        {
            review.Status = ManagementReviewStatus.InProgress;
        }

        review.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await DtoAsync(review, assembler, user, cancellationToken));
    }

    public static async Task<Results<Created<DecisionRecord>, NotFound, ValidationProblem, ProblemHttpResult>> AddDecision(
        Guid id, SaveDecisionRequest? request, ReportingDbContext db, SignalsService signals, MemberDirectory members, ClaimsPrincipal user, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var review = await db.ManagementReviews.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (review is null)
        {
            return TypedResults.NotFound();
        }

        if (review.IsSigned)
        {
            return Locked();
        }

        var errors = new Dictionary<string, string[]>();
        if (await db.ManagementReviewDecisions.CountAsync(d => d.ReviewId == id, cancellationToken) >= ManagementReviewRules.MaxDecisions)
        {
            errors["decisions"] = [$"A review holds at most {ManagementReviewRules.MaxDecisions} decisions."];
        }

        var decision = new ManagementReviewDecision { ReviewId = id, Summary = "", CreatedAt = clock.GetUtcNow() };
        var version = await ApplyDecisionAsync(decision, request, signals, members, ActorName.Of(user).Key, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        db.ExpectVersion(review, version);
        db.ManagementReviewDecisions.Add(decision);
        Touch(review, clock);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/reporting/management-reviews/{id}", ReviewAssembler.ToRecord(decision));
    }

    public static async Task<Results<Ok<DecisionRecord>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateDecision(
        Guid id, Guid decisionId, SaveDecisionRequest? request, ReportingDbContext db, SignalsService signals, MemberDirectory members, ClaimsPrincipal user, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var review = await db.ManagementReviews.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        var decision = review is null ? null : await db.ManagementReviewDecisions.FirstOrDefaultAsync(d => d.Id == decisionId && d.ReviewId == id, cancellationToken);
        if (review is null || decision is null)
        {
            return TypedResults.NotFound();
        }

        if (review.IsSigned)
        {
            return Locked();
        }

        var errors = new Dictionary<string, string[]>();
        var version = await ApplyDecisionAsync(decision, request, signals, members, ActorName.Of(user).Key, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        db.ExpectVersion(review, version);
        Touch(review, clock);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ReviewAssembler.ToRecord(decision));
    }

    public static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> DeleteDecision(
        Guid id, Guid decisionId, long? version, ReportingDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var review = await db.ManagementReviews.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        var decision = review is null ? null : await db.ManagementReviewDecisions.FirstOrDefaultAsync(d => d.Id == decisionId && d.ReviewId == id, cancellationToken);
        if (review is null || decision is null)
        {
            return TypedResults.NotFound();
        }

        if (review.IsSigned)
        {
            return Locked();
        }

        var errors = new Dictionary<string, string[]>();
        var expected = ValidateVersion(version, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        db.ExpectVersion(review, expected);
        db.ManagementReviewDecisions.Remove(decision);
        review.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<ReviewDto>, NotFound, ValidationProblem, ProblemHttpResult>> Sign(
        Guid id, ReviewVersionRequest? request, ReportingDbContext db, ReviewAssembler assembler, ClaimsPrincipal user, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var review = await db.ManagementReviews.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (review is null)
        {
            return TypedResults.NotFound();
        }

        if (review.IsSigned)
        {
            return Locked();
        }

        var errors = new Dictionary<string, string[]>();
        var version = ValidateVersion(request?.Version, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var actor = ActorName.Of(user);
        if (!string.Equals(actor.Key, review.Chair, StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem("Only the review's chair can sign it.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }

        if (review.ReviewDate > assembler.Today)
        {
            return TypedResults.Problem($"The review is dated {review.ReviewDate:yyyy-MM-dd}: it can be signed on that day or later, once its inputs are in.",
                statusCode: StatusCodes.Status409Conflict, title: "Conflict");
        }

        db.ExpectVersion(review, version);
        var now = clock.GetUtcNow();
        var content = new ReviewSnapshotContent(
            review.Id, review.Title, review.ReviewDate, new Person(review.Chair, review.ChairName), review.Attendees,
            await assembler.InputsAsync(review, cancellationToken), await assembler.DecisionsAsync(review.Id, cancellationToken),
            await assembler.AuditHeadsAsync(review.ReviewDate, cancellationToken), actor.Key, now);
        var canonical = ReviewSnapshotHash.Canonical(content);
        var sha = ReviewSnapshotHash.Sha256(canonical);
        db.ManagementReviewSnapshots.Add(new ManagementReviewSnapshot { ReviewId = review.Id, Content = canonical, Sha256 = sha, SignedAt = now });
        review.Status = ManagementReviewStatus.Signed;
        review.SignedAt = now;
        review.SignedBy = actor.Key;
        review.SnapshotSha256 = sha;
        review.UpdatedAt = now;
        var eventVersion = BuildingBlocks.Persistence.EventVersion.After(db, review);
        db.AddEvent(new ManagementReviewSigned(db.CurrentTenantId, review.Id, review.Title, review.ReviewDate, review.Chair, now, sha, eventVersion));
        foreach (var decision in content.Decisions)
        {
            foreach (var action in decision.Actions)
            {
                db.AddEvent(new ManagementReviewActionRequested(db.CurrentTenantId, review.Id, decision.Id, action.RequestId, action.RiskId,
                    action.Title, action.Owner, action.DueOn, now, eventVersion));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await DtoAsync(review, assembler, user, cancellationToken));
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> Pack(
        Guid id, ReportingDbContext db, ReviewAssembler assembler, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var review = await db.ManagementReviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (review is null)
        {
            return TypedResults.NotFound();
        }

        var dto = await DtoAsync(review, assembler, user, cancellationToken);
        return TypedResults.File(ReviewPack.Render(dto), "application/pdf", $"management-review-{review.ReviewDate:yyyy-MM-dd}.pdf");
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> DecisionsCsv(
        Guid id, ReportingDbContext db, ReviewAssembler assembler, CancellationToken cancellationToken)
    {
        var review = await db.ManagementReviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (review is null)
        {
            return TypedResults.NotFound();
        }

        var decisions = await assembler.DecisionsAsync(id, cancellationToken);
        return TypedResults.File(Encoding.UTF8.GetBytes(ReviewCsv.Write(review, decisions)), "text/csv; charset=utf-8",
            $"management-review-{review.ReviewDate:yyyy-MM-dd}-decisions.csv");
    }

    // ------------------------------------------------------------------ helpers

    private static ProblemHttpResult Locked() =>
        TypedResults.Problem(ManagementReviewLock.Refusal, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    private static void Touch(ManagementReview review, TimeProvider clock)
    {
        review.UpdatedAt = clock.GetUtcNow();
        if (review.Status == ManagementReviewStatus.Planned)
        {
            review.Status = ManagementReviewStatus.InProgress;
        }
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void Text(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is { Length: > ManagementReviewRules.MaxText })
        {
            errors[field] = [$"At most {ManagementReviewRules.MaxText} characters."];
        }
    }

    private static uint ValidateVersion(long? version, Dictionary<string, string[]> errors)
    {
        if (version is not { } v || v < 0 || v > uint.MaxValue)
        {
            errors["version"] = ["Give the version you read (a whole number from 0)."];
            return 0;
        }

        return (uint)v;
    }

    private static string? Email(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToLowerInvariant();

    private static bool LooksLikeEmail(string email) =>
        email.Length <= ManagementReviewRules.MaxEmail && email.IndexOf('@') is > 0 and var at && at < email.Length - 1 && !email.Any(char.IsWhiteSpace);

    private static (string? Title, string? Chair, List<string> Attendees) ValidateRecord(
        string? title, DateOnly? reviewDate, string? chair, IReadOnlyList<string?>? attendees, Dictionary<string, string[]> errors)
    {
        var trimmedTitle = title?.Trim();
        if (string.IsNullOrEmpty(trimmedTitle) || trimmedTitle.Length < 3 || trimmedTitle.Length > ManagementReviewRules.MaxTitle)
        {
            errors["title"] = [$"Give a title of 3 to {ManagementReviewRules.MaxTitle} characters."];
        }

        if (reviewDate is not { } date || date.Year < 2000 || date.Year > 2100)
        {
            errors["reviewDate"] = ["Give the review's date (yyyy-MM-dd, years 2000 to 2100)."];
        }

        var chairEmail = Email(chair);
        if (chairEmail is null || !LooksLikeEmail(chairEmail))
        {
            errors["chair"] = ["Name the chair by e-mail."];
        }

        var list = new List<string>();
        if (attendees is { Count: > ManagementReviewRules.MaxAttendees })
        {
            errors["attendees"] = [$"At most {ManagementReviewRules.MaxAttendees} attendees."];
        }
        else if (attendees is not null)
        {
            for (var i = 0; i < attendees.Count; i++)
            {
                var email = Email(attendees[i]);
                if (email is null || !LooksLikeEmail(email))
                {
                    errors[$"attendees[{i}]"] = ["Name each attendee by e-mail."];
                }
                else if (!list.Contains(email))
                {
                    list.Add(email);
                }
            }
        }

        return (trimmedTitle, chairEmail, list);
    }

    private static async Task CheckMembersAsync(
        MemberDirectory members, string actorKey, string chair, List<string> attendees, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var named = new List<(string Field, string? Email)> { ("chair", chair) };
        named.AddRange(attendees.Select((a, i) => ($"attendees[{i}]", (string?)a)));
        if (await members.RefuseNonMembersAsync(actorKey, cancellationToken, [.. named]) is { } refused)
        {
            foreach (var (field, messages) in refused)
            {
                errors[field] = messages;
            }
        }
    }

    /// <summary>The display names the member directory holds now; the e-mail where it has none.</summary>
    private static async Task<Dictionary<string, string>> NamesAsync(ReportingDbContext db, IReadOnlyList<string> emails, CancellationToken cancellationToken)
    {
        var distinct = emails.Distinct().ToList();
        var known = await db.KnownMembers.AsNoTracking().Where(m => distinct.Contains(m.Email)).Select(m => new { m.Email, m.DisplayName }).ToListAsync(cancellationToken);
        return distinct.ToDictionary(e => e, e => known.FirstOrDefault(k => string.Equals(k.Email, e, StringComparison.OrdinalIgnoreCase))?.DisplayName is { Length: > 0 } n ? n : e);
    }

    /// <summary>Validates a decision against the facts now (links and risks must exist in the tenant) and applies it.</summary>
    private static async Task<uint> ApplyDecisionAsync(
        ManagementReviewDecision decision, SaveDecisionRequest? request, SignalsService signals, MemberDirectory members, string actorKey,
        Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (request?.Kind is null)
        {
            errors["kind"] = [$"Give the kind: {string.Join(", ", Enum.GetNames<DecisionKind>())}."];
        }

        var summary = request?.Summary?.Trim();
        if (string.IsNullOrEmpty(summary) || summary.Length < 3 || summary.Length > ManagementReviewRules.MaxText)
        {
            errors["summary"] = [$"Say what was decided (3 to {ManagementReviewRules.MaxText} characters)."];
        }

        var version = ValidateVersion(request?.Version, errors);
        var links = request?.Links ?? [];
        var actions = request?.Actions ?? [];
        if (links.Count > ManagementReviewRules.MaxLinks)
        {
            errors["links"] = [$"At most {ManagementReviewRules.MaxLinks} links."];
            links = [];
        }

        if (actions.Count > ManagementReviewRules.MaxActions)
        {
            errors["actions"] = [$"At most {ManagementReviewRules.MaxActions} actions."];
            actions = [];
        }

        // The records as they stand now, from the facts cache (a large tenant's ten thousand risks are not read anew per decision).
        var now = (await signals.LoadFactsAsync(cancellationToken)).InEffect().Records;
        var labels = new Dictionary<(DecisionLinkType, Guid), string>();
        foreach (var r in now.Risks) labels[(DecisionLinkType.Risk, r.Id)] = r.State.Title;
        foreach (var c in now.Controls) labels[(DecisionLinkType.Control, c.Id)] = $"{c.State.Reference} {c.State.Title}";
        foreach (var s in now.Suppliers) labels[(DecisionLinkType.Supplier, s.Id)] = s.State.LegalName;

        var linked = new List<DecisionLink>();
        for (var i = 0; i < links.Count; i++)
        {
            if (links[i] is not { Type: { } type, Id: { } linkId } || !Enum.IsDefined(type))
            {
                errors[$"links[{i}]"] = ["Give each link's type (Risk, Control, Supplier) and id."];
            }
            else if (!labels.TryGetValue((type, linkId), out var label))
            {
                errors[$"links[{i}].id"] = [$"No {type.ToString().ToLowerInvariant()} of the tenant has this id."];
            }
            else if (!linked.Any(l => l.Type == type && l.Id == linkId))
            {
                linked.Add(new DecisionLink(type, linkId, label));
            }
        }

        var existing = decision.Actions;
        var requested = new List<ActionRequest>();
        var owners = new List<(string Field, string? Email)>();
        for (var i = 0; i < actions.Count; i++)
        {
            var a = actions[i];
            var title = a?.Title?.Trim();
            var owner = Email(a?.Owner);
            if (a?.RiskId is not { } riskId || !labels.TryGetValue((DecisionLinkType.Risk, riskId), out var riskTitle))
            {
                errors[$"actions[{i}].riskId"] = ["Name a risk of the tenant."];
                continue;
            }

            if (string.IsNullOrEmpty(title) || title.Length < 3 || title.Length > ManagementReviewRules.MaxTitle)
            {
                errors[$"actions[{i}].title"] = [$"Give a title of 3 to {ManagementReviewRules.MaxTitle} characters."];
            }

            if (owner is null || !LooksLikeEmail(owner))
            {
                errors[$"actions[{i}].owner"] = ["Name the owner by e-mail."];
            }
            else
            {
                owners.Add(($"actions[{i}].owner", owner));
            }

            if (a.DueOn is not { } due || due.Year < 2000 || due.Year > 2100)
            {
                errors[$"actions[{i}].dueOn"] = ["Give the due date (yyyy-MM-dd)."];
            }

            if (title is not null && owner is not null && a.DueOn is { } dueOn)
            {
                // An unchanged action keeps its request id: risk-api creates each requested action once.
                var kept = existing.FirstOrDefault(x => x.RiskId == riskId && x.Title == title && x.Owner == owner && x.DueOn == dueOn && requested.All(r => r.RequestId != x.RequestId));
                requested.Add(new ActionRequest(kept?.RequestId ?? Guid.CreateVersion7(), riskId, riskTitle, title, owner, dueOn));
            }
        }

        if (owners.Count > 0 && await members.RefuseNonMembersAsync(actorKey, cancellationToken, [.. owners]) is { } refused)
        {
            foreach (var (field, messages) in refused)
            {
                errors[field] = messages;
            }
        }

        if (errors.Count == 0)
        {
            decision.Kind = request!.Kind!.Value;
            decision.Summary = summary!;
            decision.Links = linked;
            decision.Actions = requested;
        }

        return version;
    }

    private static async Task<ReviewDto> DtoAsync(ManagementReview review, ReviewAssembler assembler, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var canSign = !review.IsSigned && string.Equals(ActorName.Of(user).Key, review.Chair, StringComparison.OrdinalIgnoreCase) && review.ReviewDate <= assembler.Today;
        if (review.IsSigned && await assembler.SnapshotAsync(review.Id, cancellationToken) is { } frozen)
        {
            return new ReviewDto(review.Id, frozen.Title, frozen.ReviewDate, frozen.Chair, frozen.Attendees, review.Status, frozen.Inputs, frozen.Decisions, frozen.AuditHeads,
                frozen.SignedAt, frozen.SignedBy, review.SnapshotSha256, false, review.Version, review.CreatedAt, review.UpdatedAt);
        }

        return new ReviewDto(review.Id, review.Title, review.ReviewDate, new Person(review.Chair, review.ChairName), review.Attendees, review.Status,
            await assembler.InputsAsync(review, cancellationToken), await assembler.DecisionsAsync(review.Id, cancellationToken),
            await assembler.AuditHeadsAsync(review.ReviewDate, cancellationToken), null, null, null, canSign, review.Version, review.CreatedAt, review.UpdatedAt);
    }
}
