using System.ComponentModel.DataAnnotations;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Suppliers.Access;
using IsmsCloud.Suppliers.Assessments;
using IsmsCloud.Suppliers.Files;
using IsmsCloud.Suppliers.Infrastructure;
using IsmsCloud.Suppliers.Register;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IsmsCloud.Suppliers.Questionnaires;

public sealed record SendQuestionnaireRequest(Guid TemplateId, [property: Required, EmailAddress, StringLength(320)] string ContactEmail);

public sealed record SendBackRequest([property: Required, StringLength(2000, MinimumLength = 3)] string Note);

/// <summary>The tenant's side of questionnaires: send one (a snapshot of the template and a link), send back, resend, revoke.</summary>
public static class QuestionnaireSendingApi
{
    public const string PublicPrefix = "/questionnaires";

    public static IEndpointRouteBuilder MapQuestionnaireSendingApi(this IEndpointRouteBuilder app)
    {
        var bySupplier = app.MapGroup("api/suppliers/{supplierId:guid}/questionnaires").WithTags("Assessments").RequireAuthorization(IsmsPolicies.TenantMember);
        bySupplier.MapPost("", Send).RequireAuthorization(SupplierPolicies.Manage).WithName("SendSupplierQuestionnaire")
            .WithSummary("Sends a questionnaire: its questions are copied into a new assessment and a link is made (shown once).");

        var api = app.MapGroup("api/suppliers/assessments/{id:guid}").WithTags("Assessments").RequireAuthorization(IsmsPolicies.TenantMember);
        api.MapPost("send-back", SendBack).RequireAuthorization(SupplierPolicies.Manage).WithName("SendBackSupplierQuestionnaire")
            .WithSummary("Sends a submitted questionnaire back for changes, with a new link; the old one answers 410.");
        api.MapPost("link", Resend).RequireAuthorization(SupplierPolicies.Manage).WithName("ResendSupplierQuestionnaire")
            .WithSummary("Makes a new link for a questionnaire awaiting the supplier; the old one answers 410.");
        api.MapPost("revoke-link", Revoke).RequireAuthorization(SupplierPolicies.Manage).WithName("RevokeSupplierQuestionnaireLink")
            .WithSummary("Withdraws the current link; it answers 410 from now on.");
        api.MapGet("files/{questionId}", DownloadAnswerFile).WithName("DownloadSupplierAnswerFile").WithSummary("A file the supplier attached as an answer.");
        return app;
    }

    public static async Task<Results<Created<SentQuestionnaireDto>, NotFound, ValidationProblem>> Send(
        Guid supplierId, SendQuestionnaireRequest request, SupplierDbContext db, HttpContext http, TimeProvider clock, IOptions<SupplierOptions> options,
        CancellationToken cancellationToken)
    {
        if (!await db.Suppliers.AnyAsync(s => s.Id == supplierId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var template = await db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == request.TemplateId, cancellationToken);
        if (template is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["templateId"] = ["Choose one of the tenant's questionnaire templates."] });
        }

        var now = clock.GetUtcNow();
        var assessment = SupplierAssessment.ByQuestionnaire(supplierId, template, request.ContactEmail.Trim(), ActorName.Of(http.User).Key, now);
        db.Assessments.Add(assessment);
        db.AddEvent(SupplierEventFacts.AssessmentChanged(db, assessment, now));
        var (link, token) = QuestionnaireLink.Issue(assessment.Id, now, options.Value.QuestionnaireLinkLifetime);
        db.Links.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/suppliers/assessments/{assessment.Id}", new SentQuestionnaireDto(AssessmentDto.From(assessment), LinkPath(token), link.ExpiresAt));
    }

    public static async Task<Results<Ok<SentQuestionnaireDto>, NotFound>> SendBack(
        Guid id, SendBackRequest request, SupplierDbContext db, TimeProvider clock, IOptions<SupplierOptions> options, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (assessment is null)
        {
            return TypedResults.NotFound();
        }

        assessment.SendBack(request.Note.Trim());
        db.AddEvent(SupplierEventFacts.AssessmentChanged(db, assessment, clock.GetUtcNow()));
        return TypedResults.Ok(await NewLinkAsync(db, assessment, clock.GetUtcNow(), options.Value.QuestionnaireLinkLifetime, cancellationToken));
    }

    public static async Task<Results<Ok<SentQuestionnaireDto>, NotFound, ProblemHttpResult>> Resend(
        Guid id, SupplierDbContext db, TimeProvider clock, IOptions<SupplierOptions> options, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (assessment is null)
        {
            return TypedResults.NotFound();
        }

        if (assessment.Status != AssessmentStatus.AwaitingSupplier)
        {
            return TypedResults.Problem("Only a questionnaire awaiting the supplier gets a new link.", statusCode: StatusCodes.Status409Conflict, title: "Conflict");
        }

        return TypedResults.Ok(await NewLinkAsync(db, assessment, clock.GetUtcNow(), options.Value.QuestionnaireLinkLifetime, cancellationToken));
    }

    public static async Task<Results<NoContent, NotFound>> Revoke(Guid id, SupplierDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await db.Assessments.AnyAsync(a => a.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        foreach (var link in await db.Links.Where(l => l.AssessmentId == id && l.RevokedAt == null && l.SupersededAt == null).ToListAsync(cancellationToken))
        {
            link.Revoke(clock.GetUtcNow());
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> DownloadAnswerFile(Guid id, string questionId, SupplierDbContext db, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (assessment?.Answers.GetValueOrDefault(questionId) is not { } answer || !Guid.TryParse(answer, out var fileId)
            || assessment.Questions?.FirstOrDefault(q => q.Id == questionId)?.Type != AnswerType.File)
        {
            return TypedResults.NotFound();
        }

        var file = await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, cancellationToken);
        return file is null ? TypedResults.NotFound() : TypedResults.File(file.Content, file.ContentType, file.FileName);
    }

    public static string LinkPath(string token) => $"{PublicPrefix}/t/{token}";

    private static async Task<SentQuestionnaireDto> NewLinkAsync(
        SupplierDbContext db, SupplierAssessment assessment, DateTimeOffset now, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        foreach (var current in await db.Links.Where(l => l.AssessmentId == assessment.Id && l.SupersededAt == null).ToListAsync(cancellationToken))
        {
            current.Supersede(now);
        }

        var (link, token) = QuestionnaireLink.Issue(assessment.Id, now, lifetime);
        db.Links.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        return new SentQuestionnaireDto(AssessmentDto.From(assessment), LinkPath(token), link.ExpiresAt);
    }
}
