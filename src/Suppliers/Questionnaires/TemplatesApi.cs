using System.ComponentModel.DataAnnotations;
using IsmsCloud.Suppliers.Access;
using IsmsCloud.Suppliers.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Suppliers.Questionnaires;

public sealed record SaveTemplateRequest(
    [property: Required, StringLength(200, MinimumLength = 3)] string Name,
    List<QuestionInput>? Questions,
    [property: Range(0, uint.MaxValue)] long Version = 0);

public sealed record TemplateDto(Guid Id, string Name, IReadOnlyList<Question> Questions, uint Version, DateTimeOffset UpdatedAt)
{
    public static TemplateDto From(QuestionnaireTemplate t) => new(t.Id, t.Name, t.Questions, t.Version, t.UpdatedAt);
}

/// <summary>The tenant's questionnaire templates. Editing one never changes a questionnaire already sent.</summary>
public static class TemplatesApi
{
    public static IEndpointRouteBuilder MapTemplatesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/suppliers/questionnaire-templates").WithTags("Questionnaire templates").RequireAuthorization(IsmsPolicies.TenantMember);
        api.MapGet("", List).WithName("ListQuestionnaireTemplates").WithSummary("The tenant's questionnaire templates.");
        api.MapGet("{id:guid}", Get).WithName("GetQuestionnaireTemplate").WithSummary("One template with its questions.");
        api.MapPost("", Create).RequireAuthorization(SupplierPolicies.Manage).WithName("CreateQuestionnaireTemplate").WithSummary("Adds a template (questions: YesNo, Choice, Text, Date, File).");
        api.MapPut("{id:guid}", Update).RequireAuthorization(SupplierPolicies.Manage).WithName("UpdateQuestionnaireTemplate").WithSummary("Changes a template; questionnaires already sent keep their questions.");
        api.MapDelete("{id:guid}", Delete).RequireAuthorization(SupplierPolicies.Manage).WithName("DeleteQuestionnaireTemplate").WithSummary("Removes a template; questionnaires sent from it keep their questions.");
        return app;
    }

    public static async Task<Ok<List<TemplateDto>>> List(SupplierDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.Templates.AsNoTracking().OrderBy(t => t.Name).ThenBy(t => t.Id).Take(500).ToListAsync(cancellationToken)).Select(TemplateDto.From).ToList());

    public static async Task<Results<Ok<TemplateDto>, NotFound>> Get(Guid id, SupplierDbContext db, CancellationToken cancellationToken) =>
        await db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken) is { } template
            ? TypedResults.Ok(TemplateDto.From(template)) : TypedResults.NotFound();

    public static async Task<Results<Created<TemplateDto>, ValidationProblem>> Create(SaveTemplateRequest request, SupplierDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (Questions.Validate(request.Questions) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow();
        var template = new QuestionnaireTemplate { Name = request.Name.Trim(), Questions = Questions.From(request.Questions!), CreatedAt = now, UpdatedAt = now };
        db.Templates.Add(template);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/suppliers/questionnaire-templates/{template.Id}", TemplateDto.From(template));
    }

    public static async Task<Results<Ok<TemplateDto>, NotFound, ValidationProblem>> Update(Guid id, SaveTemplateRequest request, SupplierDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var template = await db.Templates.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (template is null)
        {
            return TypedResults.NotFound();
        }

        if (Questions.Validate(request.Questions) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        db.ExpectVersion(template, (uint)request.Version);
        template.Name = request.Name.Trim();
        template.Questions = Questions.From(request.Questions!);
        template.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(TemplateDto.From(template));
    }

    public static async Task<Results<NoContent, NotFound>> Delete(Guid id, SupplierDbContext db, CancellationToken cancellationToken)
    {
        var template = await db.Templates.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (template is null)
        {
            return TypedResults.NotFound();
        }

        db.Templates.Remove(template);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
