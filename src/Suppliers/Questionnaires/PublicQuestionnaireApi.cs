using System.Globalization;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Suppliers.Assessments;
using IsmsCloud.Suppliers.Files;
using IsmsCloud.Suppliers.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IsmsCloud.Suppliers.Questionnaires;

/// <summary>
/// The supplier's side, without an account: plain HTML forms, no script, never cached, no referrer sent on. The link's
/// path carries the token; the first GET trades it for an HttpOnly cookie scoped to that questionnaire's address and
/// answers 303 to that address, which has no token in it. Unknown → 404; revoked, superseded or expired → 410;
/// submitted → 409. The request runs in the link's tenant (found by the token's hash, the one lookup across tenants),
/// so nothing of another tenant can be read or written through it.
/// </summary>
public static class PublicQuestionnaireApi
{
    public const string CookiePrefix = "sq_";
    private const int MaxTextAnswer = 4000;

    public static IEndpointRouteBuilder MapPublicQuestionnaireApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(QuestionnaireSendingApi.PublicPrefix).AllowAnonymous().ExcludeFromDescription()
            .AddEndpointFilter(async (context, next) =>
            {
                var headers = context.HttpContext.Response.Headers;
                headers.CacheControl = "no-store";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XContentTypeOptions = "nosniff";
                return await next(context);
            });
        group.MapGet("t/{token}", TradeTokenAsync).WithName("OpenSupplierQuestionnaireLink");
        group.MapGet("{linkId:guid}", ShowAsync).WithName("ShowSupplierQuestionnaire");
        group.MapPost("{linkId:guid}", AnswerAsync).WithName("AnswerSupplierQuestionnaire").DisableAntiforgery();
        return app;
    }

    public static async Task<IResult> TradeTokenAsync(string token, HttpContext http, SupplierDbContext db, TenantContext tenant, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (token.Length is 0 or > 100)
        {
            return QuestionnairePage.NotFound();
        }

        var hash = QuestionnaireLink.Hash(token);
        var opened = await OpenAsync(db, tenant, db.Links.IgnoreQueryFilters().Where(l => l.TokenHash == hash), clock, cancellationToken);
        if (opened.Refusal is { } refusal)
        {
            return refusal;
        }

        var link = opened.Link!;
        var secret = link.BindBrowser();
        await db.SaveChangesAsync(cancellationToken);
        http.Response.Cookies.Append(CookieName(link.Id), secret, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = $"{QuestionnaireSendingApi.PublicPrefix}/{link.Id}",
            Expires = link.ExpiresAt,
            IsEssential = true,
        });
        http.Response.Headers.Location = $"{QuestionnaireSendingApi.PublicPrefix}/{link.Id}";
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    public static async Task<IResult> ShowAsync(Guid linkId, HttpContext http, SupplierDbContext db, TenantContext tenant, TimeProvider clock, CancellationToken cancellationToken)
    {
        var opened = await OpenBoundAsync(linkId, http, db, tenant, clock, cancellationToken);
        if (opened.Refusal is { } refusal)
        {
            return refusal;
        }

        var saved = http.Request.Query.ContainsKey("saved");
        return QuestionnairePage.Form(opened.View!, opened.Assessment!, new Dictionary<string, string>(), saved ? "Your draft is saved." : null);
    }

    public static async Task<IResult> AnswerAsync(
        Guid linkId, HttpContext http, SupplierDbContext db, TenantContext tenant, TimeProvider clock, IOptions<SupplierOptions> options, CancellationToken cancellationToken)
    {
        var opened = await OpenBoundAsync(linkId, http, db, tenant, clock, cancellationToken);
        if (opened.Refusal is { } refusal)
        {
            return refusal;
        }

        if (!http.Request.HasFormContentType)
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the answers as a form.");
        }

        var assessment = opened.Assessment!;
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        foreach (var question in assessment.Questions!)
        {
            var field = $"q_{question.Id}";
            if (question.Type == AnswerType.File)
            {
                if (form.Files.GetFile(field) is { Length: > 0 } upload)
                {
                    var (stored, fileErrors) = await FileUploads.ReadAsync(upload, field, options.Value.MaxFileBytes, new ActorName(assessment.ContactEmail ?? "supplier", assessment.ContactEmail ?? "supplier"), now, cancellationToken);
                    if (stored is null)
                    {
                        errors[question.Id] = fileErrors[field][0];
                        continue;
                    }

                    var previous = assessment.Answers.GetValueOrDefault(question.Id) is { } old && Guid.TryParse(old, out var oldId) ? oldId : (Guid?)null;
                    answers[question.Id] = (await db.Files.ReplaceAsync(previous, stored, cancellationToken)).ToString();
                }

                continue;
            }

            if (!form.TryGetValue(field, out var values))
            {
                continue;
            }

            var value = values.ToString().Trim();
            if (value.Length > 0 && Invalid(question, value) is { } error)
            {
                errors[question.Id] = error;
                continue;
            }

            answers[question.Id] = value;
        }

        if (errors.Count > 0)
        {
            return QuestionnairePage.Form(opened.View!, assessment, errors, null, StatusCodes.Status400BadRequest, form);
        }

        assessment.SaveAnswers(answers);
        var submitting = string.Equals(form["action"].ToString(), "submit", StringComparison.Ordinal);
        if (submitting && assessment.Unanswered() is { Count: > 0 } missing)
        {
            await db.SaveChangesAsync(cancellationToken);
            return QuestionnairePage.Form(opened.View!, assessment, missing.ToDictionary(q => q.Id, _ => "Answer this question before submitting."),
                "Your answers are saved as a draft; some required questions are still open.", StatusCodes.Status400BadRequest);
        }

        if (submitting)
        {
            assessment.Submit(now);
            db.AddEvent(SupplierEventFacts.AssessmentChanged(db, assessment, now));
            await db.SaveChangesAsync(cancellationToken);
            return QuestionnairePage.Message(opened.View!, "Thank you", "Your answers are submitted. You can close this page.", StatusCodes.Status200OK);
        }

        await db.SaveChangesAsync(cancellationToken);
        // Post/redirect/get: a reload does not post the form again.
        http.Response.Headers.Location = $"{QuestionnaireSendingApi.PublicPrefix}/{linkId}?saved=1";
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    /// <summary>Why an answer does not fit its question's type, or null.</summary>
    public static string? Invalid(Question question, string value) => question.Type switch
    {
        AnswerType.YesNo when value is not ("Yes" or "No") => "Answer Yes or No.",
        AnswerType.Choice when !question.Choices.Contains(value, StringComparer.Ordinal) => "Choose one of the options.",
        AnswerType.Date when !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) => "Give a date as YYYY-MM-DD.",
        AnswerType.Text when value.Length > MaxTextAnswer => $"At most {MaxTextAnswer} characters.",
        _ => null,
    };

    public static string CookieName(Guid linkId) => CookiePrefix + linkId.ToString("N");

    internal sealed record QuestionnaireView(string TenantName, string SupplierName, string Title, Guid LinkId, DateTimeOffset ExpiresAt, string? SentBackNote);

    private sealed record Opened(QuestionnaireLink? Link, SupplierAssessment? Assessment, QuestionnaireView? View, IResult? Refusal);

    private static async Task<Opened> OpenBoundAsync(Guid linkId, HttpContext http, SupplierDbContext db, TenantContext tenant, TimeProvider clock, CancellationToken cancellationToken)
    {
        var cookie = http.Request.Cookies[CookieName(linkId)];
        var link = await db.Links.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(l => l.Id == linkId, cancellationToken);
        if (link is null || !link.IsBoundTo(cookie))
        {
            return new Opened(null, null, null, QuestionnairePage.NotFound());
        }

        return await OpenAsync(db, tenant, db.Links.IgnoreQueryFilters().Where(l => l.Id == linkId), clock, cancellationToken);
    }

    private static async Task<Opened> OpenAsync(SupplierDbContext db, TenantContext tenant, IQueryable<QuestionnaireLink> which, TimeProvider clock, CancellationToken cancellationToken)
    {
        var link = await which.FirstOrDefaultAsync(cancellationToken);
        var known = link is null ? null : await db.KnownTenants.AsNoTracking().FirstOrDefaultAsync(t => t.TenantId == link.TenantId, cancellationToken);
        // A suspended tenant's links are closed; one not heard of yet is not refused (like the tenancy middleware does).
        if (link is null || known is { Status: TenantStatus.Suspended })
        {
            return new Opened(null, null, null, QuestionnairePage.NotFound());
        }

        // From here on the request is the link's tenant's: every query is filtered to it, every write stamped with it.
        tenant.Set(link.TenantId);
        var assessment = await db.Assessments.FirstOrDefaultAsync(a => a.Id == link.AssessmentId, cancellationToken);
        var supplier = assessment is null ? null : await db.Suppliers.AsNoTracking().Where(s => s.Id == assessment.SupplierId).Select(s => s.LegalName).FirstOrDefaultAsync(cancellationToken);
        if (assessment?.Questions is null || supplier is null)
        {
            return new Opened(null, null, null, QuestionnairePage.NotFound());
        }

        var view = new QuestionnaireView(known?.Name ?? "Your customer", supplier, assessment.Title, link.Id, link.ExpiresAt, assessment.SentBackNote);
        return link.StateOn(clock.GetUtcNow(), assessment.Status) switch
        {
            LinkState.Open => new Opened(link, assessment, view, null),
            LinkState.Submitted => new Opened(null, null, null, QuestionnairePage.Message(view, "Already submitted",
                "This questionnaire has been submitted and is being reviewed. If changes are needed, you will receive a new link.", StatusCodes.Status409Conflict)),
            LinkState.Expired => new Opened(null, null, null, QuestionnairePage.Message(view, "This link has expired",
                "Ask your contact for a new link.", StatusCodes.Status410Gone)),
            _ => new Opened(null, null, null, QuestionnairePage.Message(view, "This link is no longer valid",
                "It was withdrawn or replaced by a newer link. Use the latest link you received, or ask your contact for one.", StatusCodes.Status410Gone)),
        };
    }
}
