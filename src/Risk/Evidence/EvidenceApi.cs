using System.ComponentModel.DataAnnotations;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Contracts;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Risk.Access;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Risk.Soa;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IsmsCloud.Risk.Evidence;

public sealed record RecordEvidenceRequest(
    [property: Required, StringLength(300, MinimumLength = 3)] string Title,
    DateOnly CoversFrom,
    DateOnly CoversTo,
    EvidenceSource Source = EvidenceSource.Manual,
    [property: Url, StringLength(2000)] string? Link = null,
    [property: StringLength(4000)] string? Description = null);

/// <summary>Evidence against controls (rule 5), with an optional attachment streamed in, size- and type-checked and hashed.</summary>
public static class EvidenceApi
{
    public static IEndpointRouteBuilder MapEvidenceApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("api/risk/controls/{controlId:guid}/evidence", Record).WithTags("Evidence")
            .RequireAuthorization(RiskPolicies.Contribute).WithName("RecordEvidence").WithSummary("Records evidence for the period it covers.");
        var api = app.MapGroup("api/risk/evidence").WithTags("Evidence").RequireAuthorization(IsmsPolicies.TenantMember);
        api.MapGet("", List).WithName("ListEvidence").WithSummary("Evidence records, newest coverage first.");
        api.MapGet("{id:guid}", Get).WithName("GetEvidence").WithSummary("One evidence record.");
        api.MapPut("{id:guid}/attachment", Attach).RequireAuthorization(RiskPolicies.Contribute).WithName("AttachEvidenceFile")
            .WithSummary("Uploads the file (raw body, name in ?fileName=); its type is read from its bytes and its SHA-256 stored.");
        api.MapGet("{id:guid}/attachment", Download).WithName("DownloadEvidenceFile").WithSummary("Downloads the attached file.");
        api.MapDelete("{id:guid}", Delete).RequireAuthorization(RiskPolicies.Manage).WithName("DeleteEvidence").WithSummary("Removes an evidence record.");
        return app;
    }

    public static async Task<Results<Ok<PagedResult<EvidenceDto>>, ValidationProblem>> List(
        RiskDbContext db, [AsParameters] PageRequest paging, CancellationToken cancellationToken, string? search = null, Guid? controlId = null)
    {
        var errors = paging.Validate(search);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.Evidence.AsNoTracking();
        if (controlId is { } id)
        {
            query = query.Where(e => e.ControlId == id);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            query = query.Where(e => e.Title.ToLower().Contains(term));
        }

        var page = await query.OrderByDescending(e => e.CoversTo).ThenByDescending(e => e.Id).ToPageAsync(paging, cancellationToken);
        return TypedResults.Ok(page.Select(EvidenceDto.From));
    }

    public static async Task<Results<Ok<EvidenceDto>, NotFound>> Get(Guid id, RiskDbContext db, CancellationToken cancellationToken)
    {
        var evidence = await db.Evidence.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        return evidence is null ? TypedResults.NotFound() : TypedResults.Ok(EvidenceDto.From(evidence));
    }

    public static async Task<Results<Created<EvidenceDto>, NotFound, ValidationProblem, ProblemHttpResult>> Record(
        Guid controlId, RecordEvidenceRequest request, RiskDbContext db, Actor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var control = await db.Controls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == controlId, cancellationToken);
        if (control is null)
        {
            return TypedResults.NotFound();
        }

        if (!actor.CanEditOwned(control.Owner, IsmsRoles.ControlOwner))
        {
            return Forbidden.Because("Only the control's owner or an ISMS manager can record its evidence.");
        }

        var errors = new Dictionary<string, string[]>();
        if (request.CoversTo < request.CoversFrom)
        {
            errors["coversTo"] = ["The period must end on or after its start."];
        }

        if (request.CoversTo > clock.Today())
        {
            errors["coversTo"] = ["Evidence cannot cover days that have not happened yet."];
        }

        if (request.Source == EvidenceSource.Link && string.IsNullOrWhiteSpace(request.Link))
        {
            errors["link"] = ["Evidence of source Link needs the link."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var evidence = new EvidenceRecord
        {
            ControlId = control.Id, Title = request.Title.Trim(), Description = request.Description, Source = request.Source,
            Link = request.Link, CoversFrom = request.CoversFrom, CoversTo = request.CoversTo, CollectedBy = actor.Key,
            CollectedAt = clock.GetUtcNow(),
        };
        db.Evidence.Add(evidence);
        db.AddEvent(Recorded(evidence, control.Reference, db.CurrentTenantId));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/risk/evidence/{evidence.Id}", EvidenceDto.From(evidence));
    }

    public static async Task<Results<Ok<EvidenceDto>, NotFound, ValidationProblem, ProblemHttpResult>> Attach(
        Guid id, HttpRequest http, RiskDbContext db, Actor actor, IOptions<AttachmentOptions> options, CancellationToken cancellationToken,
        string fileName = "")
    {
        var evidence = await db.Evidence.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        var control = evidence is null ? null : await db.Controls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == evidence.ControlId, cancellationToken);
        if (evidence is null || control is null)
        {
            return TypedResults.NotFound();
        }

        if (!actor.CanEditOwned(control.Owner, IsmsRoles.ControlOwner) && !actor.Is(evidence.CollectedBy))
        {
            return Forbidden.Because("Only who collected the evidence, the control's owner or an ISMS manager can attach its file.");
        }

        if (evidence.Sha256 is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["The evidence already has a file; evidence is not overwritten. Record new evidence instead."] });
        }

        var (attachment, error) = await Attachments.ReadAsync(http.Body, fileName, options.Value.MaxBytes, cancellationToken);
        if (attachment is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [string.IsNullOrWhiteSpace(fileName) ? "fileName" : "file"] = [error!] });
        }

        evidence.FileName = attachment.FileName;
        evidence.ContentType = attachment.ContentType;
        evidence.SizeBytes = attachment.Content.LongLength;
        evidence.Sha256 = attachment.Sha256;
        db.EvidenceFiles.Add(new EvidenceFile { EvidenceId = evidence.Id, Content = attachment.Content });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(EvidenceDto.From(evidence));
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> Download(Guid id, RiskDbContext db, CancellationToken cancellationToken)
    {
        var evidence = await db.Evidence.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        var file = evidence?.Sha256 is null ? null : await db.EvidenceFiles.AsNoTracking().FirstOrDefaultAsync(f => f.EvidenceId == id, cancellationToken);
        if (evidence is null || file is null)
        {
            return TypedResults.NotFound();
        }

        // Served as a download, never rendered inline: the type was checked, but the browser should not have to trust it.
        return TypedResults.File(file.Content, evidence.ContentType ?? "application/octet-stream", evidence.FileName);
    }

    public static async Task<Results<NoContent, NotFound>> Delete(Guid id, RiskDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var evidence = await db.Evidence.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (evidence is null)
        {
            return TypedResults.NotFound();
        }

        db.Evidence.Remove(evidence);
        db.AddEvent(Deleted(evidence, db.CurrentTenantId, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    internal static EvidenceRecorded Recorded(EvidenceRecord e, string controlReference, Guid tenantId) => new(
        tenantId, e.Id, e.ControlId, controlReference, e.Source.ToString(), e.CoversFrom, e.CoversTo, e.CollectedBy, e.CollectedAt, e.Sha256 is not null);

    internal static EvidenceDeleted Deleted(EvidenceRecord e, Guid tenantId, DateTimeOffset at) => new(tenantId, e.Id, e.ControlId, at);
}
