using System.ComponentModel.DataAnnotations;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Suppliers.Access;
using IsmsCloud.Suppliers.Gaps;
using IsmsCloud.Suppliers.Infrastructure;
using IsmsCloud.Suppliers.Register;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Suppliers.Assessments;

/// <summary>An assessment in a list across suppliers: what it is, whose supplier, and where it stands (answers are on the assessment itself).</summary>
public sealed record AssessmentSummaryDto(
    Guid Id, Guid SupplierId, string SupplierName, string SupplierOwner, string Title, AssessmentStatus Status, DateTimeOffset CreatedAt, string CreatedBy,
    DateTimeOffset? SubmittedAt);

public sealed record StartAssessmentRequest([property: Required, StringLength(200, MinimumLength = 3)] string Title);

public sealed record CompleteAssessmentRequest(
    AssessmentResult Result,
    [property: StringLength(4000)] string? ResidualRiskNote,
    List<string>? Conditions,
    [property: Range(0, uint.MaxValue)] long Version = 0);

/// <summary>
/// Completing an assessment, whether by hand or from a CSV import of assessments done before: the conditions' rule, the
/// domain's completion, and its two events (SupplierAssessed, and SupplierConditionsRaised when approved with conditions).
/// </summary>
internal static class AssessmentCompletion
{
    public const int MaxConditions = 20;

    /// <summary>What is wrong with the conditions for this result, or null when they are fine.</summary>
    public static string? ConditionsProblem(AssessmentResult result, IReadOnlyList<string> conditions) =>
        conditions.Count > MaxConditions || conditions.Any(c => c.Length is 0 or > 1000)
            ? $"At most {MaxConditions} conditions of 1 to 1000 characters each."
            : result == AssessmentResult.ApprovedWithConditions && conditions.Count == 0
                ? "Approving with conditions needs at least one condition."
                : null;

    /// <param name="completedAt">When the assessment was completed: now by hand, the file's day for an import.</param>
    /// <param name="now">When this is recorded: the conditions are raised now, whenever the assessment was completed.</param>
    public static void Complete(SupplierDbContext db, SupplierAssessment assessment, Supplier supplier, AssessmentResult result, string? note,
        IReadOnlyList<string> conditions, string by, DateTimeOffset completedAt, DateTimeOffset now)
    {
        assessment.Complete(supplier, result, note, conditions, by, completedAt);
        db.AddEvent(SupplierEventFacts.Assessed(db, assessment));
        db.AddEvent(SupplierEventFacts.AssessmentChanged(db, assessment, now));
        if (assessment.Result == AssessmentResult.ApprovedWithConditions)
        {
            db.AddEvent(new SupplierConditionsRaised(db.CurrentTenantId, supplier.Id, assessment.Id, supplier.LegalName, supplier.RiskIds.ToList(),
                assessment.Conditions.ToList(), now));
        }
    }
}

/// <summary>A supplier's assessments: opened, then completed with a result, which the schedule and the gap read.</summary>
public static class AssessmentsApi
{
    public static IEndpointRouteBuilder MapAssessmentsApi(this IEndpointRouteBuilder app)
    {
        var bySupplier = app.MapGroup("api/suppliers/{supplierId:guid}/assessments").WithTags("Assessments").RequireAuthorization(IsmsPolicies.TenantMember);
        bySupplier.MapGet("", List).WithName("ListSupplierAssessments").WithSummary("The supplier's assessments, newest first.");
        bySupplier.MapPost("", Start).RequireAuthorization(SupplierPolicies.Manage).WithName("StartSupplierAssessment").WithSummary("Opens an assessment of the supplier.");

        var api = app.MapGroup("api/suppliers/assessments").WithTags("Assessments").RequireAuthorization(IsmsPolicies.TenantMember);
        api.MapGet("", ListAcrossSuppliers).WithName("ListAssessments")
            .WithSummary("Assessments across suppliers, oldest submission first: paged, filtered by status and owner (owner=me: the caller owns the supplier or opened the assessment).");
        api.MapGet("{id:guid}", Get).WithName("GetSupplierAssessment").WithSummary("One assessment.");
        api.MapPost("{id:guid}/complete", Complete).RequireAuthorization(SupplierPolicies.Manage).WithName("CompleteSupplierAssessment")
            .WithSummary("Completes the assessment with a result (Approved, ApprovedWithConditions, Rejected), a residual risk note and conditions.");
        api.MapPost("{id:guid}/cancel", Cancel).RequireAuthorization(SupplierPolicies.Manage).WithName("CancelSupplierAssessment").WithSummary("Cancels an assessment in progress.");
        return app;
    }

    public static async Task<Results<Ok<List<AssessmentDto>>, NotFound>> List(Guid supplierId, SupplierDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Suppliers.AnyAsync(s => s.Id == supplierId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var items = await db.Assessments.AsNoTracking().Where(a => a.SupplierId == supplierId).OrderByDescending(a => a.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(items.Select(AssessmentDto.From).ToList());
    }

    public static async Task<Results<Ok<PagedResult<AssessmentSummaryDto>>, ValidationProblem>> ListAcrossSuppliers(
        SupplierDbContext db, HttpContext http, [AsParameters] PageRequest paging, CancellationToken cancellationToken,
        AssessmentStatus? status = null, string? owner = null)
    {
        var errors = paging.Validate().Check("owner", owner);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var rows = db.Assessments.AsNoTracking()
            .Join(db.Suppliers, a => a.SupplierId, s => s.Id, (a, s) => new { Assessment = a, Supplier = s });
        if (status is { } wanted)
        {
            rows = rows.Where(r => r.Assessment.Status == wanted);
        }

        if (MyWorkFilters.PersonKey(owner, ActorName.Of(http.User).Key) is { } key)
        {
            // The supplier's owner reviews what comes back; whoever opened the assessment follows it too.
            rows = rows.Where(r => r.Supplier.Owner == key || r.Assessment.CreatedBy == key);
        }

        var page = await rows.OrderBy(r => r.Assessment.SubmittedAt ?? r.Assessment.CreatedAt).ThenBy(r => r.Assessment.Id).ToPageAsync(paging,
            q => q.Select(r => new AssessmentSummaryDto(r.Assessment.Id, r.Assessment.SupplierId, r.Supplier.LegalName, r.Supplier.Owner, r.Assessment.Title,
                r.Assessment.Status, r.Assessment.CreatedAt, r.Assessment.CreatedBy, r.Assessment.SubmittedAt)),
            cancellationToken);
        return TypedResults.Ok(page);
    }

    public static async Task<Results<Ok<AssessmentDto>, NotFound>> Get(Guid id, SupplierDbContext db, CancellationToken cancellationToken) =>
        await db.Assessments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken) is { } assessment
            ? TypedResults.Ok(AssessmentDto.From(assessment))
            : TypedResults.NotFound();

    public static async Task<Results<Created<AssessmentDto>, NotFound>> Start(
        Guid supplierId, StartAssessmentRequest request, SupplierDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await db.Suppliers.AnyAsync(s => s.Id == supplierId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var assessment = new SupplierAssessment
        {
            SupplierId = supplierId, Title = request.Title.Trim(), CreatedAt = clock.GetUtcNow(), CreatedBy = ActorName.Of(http.User).Key,
        };
        db.Assessments.Add(assessment);
        db.AddEvent(SupplierEventFacts.AssessmentChanged(db, assessment, assessment.CreatedAt));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/suppliers/assessments/{assessment.Id}", AssessmentDto.From(assessment));
    }

    public static async Task<Results<Ok<AssessmentDto>, NotFound, ValidationProblem, ProblemHttpResult>> Complete(
        Guid id, CompleteAssessmentRequest request, SupplierDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (assessment is null)
        {
            return TypedResults.NotFound();
        }

        var errors = new Dictionary<string, string[]>();
        if (!Enum.IsDefined(request.Result))
        {
            errors["result"] = ["Choose Approved, ApprovedWithConditions or Rejected."];
        }

        var conditions = request.Conditions?.Select(c => c?.Trim() ?? "").ToList() ?? [];
        if (AssessmentCompletion.ConditionsProblem(request.Result, conditions) is { } problem)
        {
            errors["conditions"] = [problem];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (assessment.CannotComplete() is { } why)
        {
            return TypedResults.Problem(why, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
        }

        var supplier = await db.Suppliers.Include(s => s.Certificates).FirstAsync(s => s.Id == assessment.SupplierId, cancellationToken);
        db.ExpectVersion(assessment, (uint)request.Version);
        var now = clock.GetUtcNow();
        var note = string.IsNullOrWhiteSpace(request.ResidualRiskNote) ? null : request.ResidualRiskNote.Trim();
        AssessmentCompletion.Complete(db, assessment, supplier, request.Result, note, conditions, ActorName.Of(http.User).Key, now, now);

        await GapTracker.RefreshAsync(db, supplier, clock, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(AssessmentDto.From(assessment));
    }

    public static async Task<Results<Ok<AssessmentDto>, NotFound, ProblemHttpResult>> Cancel(Guid id, SupplierDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (assessment is null)
        {
            return TypedResults.NotFound();
        }

        // A refusal of the domain (already completed or cancelled) is answered 409 by the exception handler.
        assessment.Cancel();
        db.AddEvent(SupplierEventFacts.AssessmentChanged(db, assessment, clock.GetUtcNow()));
        foreach (var link in await db.Links.Where(l => l.AssessmentId == id && l.RevokedAt == null).ToListAsync(cancellationToken))
        {
            link.Revoke(clock.GetUtcNow());
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(AssessmentDto.From(assessment));
    }
}
