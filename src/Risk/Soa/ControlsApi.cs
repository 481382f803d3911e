using IsmsCloud.BuildingBlocks.Members;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Contracts;
using IsmsCloud.Risk.Access;
using IsmsCloud.Risk.Evidence;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Risk.Reviews;
using IsmsCloud.Risk.Risks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.Soa;

/// <summary>The Statement of Applicability's entries (rule 4). Control owners keep their own controls; managers all.</summary>
public static class ControlsApi
{
    public static IEndpointRouteBuilder MapControlsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/risk/controls").WithTags("Controls").RequireAuthorization(IsmsPolicies.TenantMember);
        api.MapGet("", List).WithName("ListControls").WithSummary("The SoA's controls with applicability, implementation and evidence freshness; owner=me is the caller, evidenceDueWithinDays keeps those whose evidence is due by then.");
        api.MapGet("{id:guid}", Get).WithName("GetControl").WithSummary("One control with its risks, exceptions, incidents and evidence.");
        api.MapPost("", CreateCustom).RequireAuthorization(RiskPolicies.Manage).WithName("CreateCustomControl").WithSummary("Adds a custom control to the SoA.");
        api.MapPut("{id:guid}", Update).RequireAuthorization(RiskPolicies.Contribute).WithName("UpdateControl").WithSummary("Decides applicability and keeps the control up to date.");
        return app;
    }

    public static async Task<Results<Ok<PagedResult<ControlDto>>, ValidationProblem>> List(
        RiskDbContext db, Actor actor, TimeProvider clock, CancellationToken cancellationToken, int page = 1, int pageSize = 100, string? search = null,
        ControlTheme? theme = null, ApplicabilityFilter? applicability = null, ImplementationStatus? status = null, string? owner = null,
        bool? stale = null, int? evidenceDueWithinDays = null, ControlSort sort = ControlSort.Reference)
    {
        // Not [AsParameters]: this list pages by 100 unless asked otherwise, so the 93 Annex A controls come back in one page.
        var paging = new PageRequest(page, pageSize);
        var errors = paging.Validate(search).Check("owner", owner, evidenceDueWithinDays);
        if (errors.Remove("dueWithinDays", out var dueProblem))
        {
            errors["evidenceDueWithinDays"] = dueProblem;
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var today = clock.Today();
        var query = db.Controls.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            query = query.Where(c => c.Reference.ToLower().Contains(term) || c.Title.ToLower().Contains(term));
        }

        if (theme is { } t)
        {
            query = query.Where(c => c.Theme == t);
        }

        query = applicability switch
        {
            ApplicabilityFilter.Applicable => query.Where(c => c.Applicable == true),
            ApplicabilityFilter.NotApplicable => query.Where(c => c.Applicable == false),
            ApplicabilityFilter.Undecided => query.Where(c => c.Applicable == null || c.Justification == null),
            _ => query,
        };
        if (status is { } s)
        {
            query = query.Where(c => c.ImplementationStatus == s);
        }

        if (MyWorkFilters.PersonKey(owner, actor.Key) is { } key)
        {
            query = query.Where(c => c.Owner == key);
        }

        var rows = query.Select(c => new
        {
            Control = c,
            NewestCoversTo = db.Evidence.Where(e => e.ControlId == c.Id).Max(e => (DateOnly?)e.CoversTo),
            LinkedRisks = c.RiskLinks.Count,
        });
        if (stale is { } isStale)
        {
            // Rule 5 in SQL: a cadence is set and the newest coverage ended more than one cadence ago (or there is none).
            rows = rows.Where(r => (r.Control.EvidenceCadenceDays != null
                && (r.NewestCoversTo == null || r.NewestCoversTo.Value.DayNumber < today.DayNumber - r.Control.EvidenceCadenceDays.Value)) == isStale);
        }

        if (MyWorkFilters.DueBy(evidenceDueWithinDays, today) is { } dueBy)
        {
            // Rule 5's due date: fresh evidence is due one cadence after the newest coverage ends (at once when there is none).
            var lastDay = dueBy.DayNumber;
            rows = rows.Where(r => r.Control.EvidenceCadenceDays != null
                && (r.NewestCoversTo == null || r.NewestCoversTo.Value.DayNumber + r.Control.EvidenceCadenceDays.Value <= lastDay));
        }

        rows = sort switch
        {
            ControlSort.Title => rows.OrderBy(r => r.Control.Title).ThenBy(r => r.Control.Id),
            ControlSort.ImplementationStatus => rows.OrderBy(r => r.Control.ImplementationStatus).ThenBy(r => r.Control.SortOrder).ThenBy(r => r.Control.Id),
            ControlSort.Owner => rows.OrderBy(r => r.Control.Owner).ThenBy(r => r.Control.SortOrder).ThenBy(r => r.Control.Id),
            _ => rows.OrderBy(r => r.Control.IsCustom).ThenBy(r => r.Control.SortOrder).ThenBy(r => r.Control.Reference),
        };
        var result = await rows.ToPageAsync(paging, cancellationToken);
        return TypedResults.Ok(result.Select(r => ToDto(r.Control, r.NewestCoversTo, r.LinkedRisks, today)));
    }

    public static async Task<Results<Ok<ControlDetailDto>, NotFound>> Get(Guid id, RiskDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var control = await db.Controls.AsNoTracking().Include(c => c.RiskLinks).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (control is null)
        {
            return TypedResults.NotFound();
        }

        var today = clock.Today();
        var risks = await db.ControlRisks.Where(l => l.ControlId == id)
            .Join(db.Risks, l => l.RiskId, r => r.Id, (l, r) => new LinkedRecord(r.Id, r.Title, "Residual " + r.ResidualScore))
            .ToListAsync(cancellationToken);
        var exceptions = await db.ControlExceptions.Where(e => e.ControlId == id).OrderByDescending(e => e.RequestedAt)
            .Select(e => new LinkedRecord(e.Id, e.AffectedScope, e.Status.ToString()))
            .ToListAsync(cancellationToken);
        var incidents = await db.IncidentControls.Where(l => l.ControlId == id)
            .Join(db.Incidents, l => l.IncidentId, i => i.Id, (l, i) => new LinkedRecord(i.Id, i.Title, l.Role.ToString()))
            .ToListAsync(cancellationToken);
        var evidence = await db.Evidence.AsNoTracking().Where(e => e.ControlId == id)
            .OrderByDescending(e => e.CoversTo).Take(20).ToListAsync(cancellationToken);
        var reviews = await db.ReviewTasks.Where(r => r.SubjectId == id && r.ResolvedAt == null)
            .Select(r => new ReviewDto(r.Id, r.Reason, r.OpenedAt, r.ResolvedAt, r.ResolvedBy, r.Resolution))
            .ToListAsync(cancellationToken);
        var newest = evidence.Count == 0 ? (DateOnly?)null : evidence.Max(e => e.CoversTo);
        return TypedResults.Ok(new ControlDetailDto(
            ToDto(control, newest, control.RiskLinks.Count, today), risks, exceptions, incidents,
            evidence.Select(EvidenceDto.From).ToList(), reviews));
    }

    public static async Task<Results<Created<ControlDto>, ValidationProblem>> CreateCustom(
        CreateCustomControlRequest request, RiskDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var reference = request.Reference.Trim();
        if (await db.Controls.AnyAsync(c => c.Reference == reference, cancellationToken))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reference"] = [$"A control with reference '{reference}' already exists."] });
        }

        var now = clock.GetUtcNow();
        var control = new Control
        {
            Reference = reference, Title = request.Title.Trim(), Guidance = request.Guidance, Theme = ControlTheme.Custom,
            IsCustom = true, SortOrder = int.MaxValue, UpdatedAt = now,
        };
        db.Controls.Add(control);
        db.AddEvent(SoaEvents.ControlChanged(control, db, []));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/risk/controls/{control.Id}", ToDto(control, null, 0, clock.Today()));
    }

    public static async Task<Results<Ok<ControlDto>, NotFound, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, UpdateControlRequest request, RiskDbContext db, Actor actor, MemberDirectory members, TimeProvider clock, CancellationToken cancellationToken)
    {
        var control = await db.Controls.Include(c => c.RiskLinks).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (control is null)
        {
            return TypedResults.NotFound();
        }

        if (!actor.CanEditOwned(control.Owner, IsmsRoles.ControlOwner))
        {
            return Forbidden.Because("Only the control's owner or an ISMS manager can change it.");
        }

        var owner = string.IsNullOrWhiteSpace(request.Owner) ? null : request.Owner.Trim().ToLowerInvariant();
        if (!actor.IsManager && !actor.Is(owner))
        {
            return Forbidden.Because("Only an ISMS manager can hand a control to another owner.");
        }

        var errors = new Dictionary<string, string[]>();
        if (request.Applicable is not null && string.IsNullOrWhiteSpace(request.Justification))
        {
            errors["justification"] = ["A justification is required whether the control is applicable or not."];
        }

        if (request.Applicable == false && request.ImplementationStatus != ImplementationStatus.NotImplemented)
        {
            errors["implementationStatus"] = ["A control that does not apply cannot be implemented; leave it NotImplemented."];
        }

        if (!control.IsCustom && request.Title is not null && request.Title.Trim() != control.Title)
        {
            errors["title"] = ["The titles of Annex A controls are fixed."];
        }

        var riskIds = (request.RiskIds ?? []).Distinct().ToList();
        if (riskIds.Count > 0 && await db.Risks.CountAsync(r => riskIds.Contains(r.Id), cancellationToken) != riskIds.Count)
        {
            errors["riskIds"] = ["One or more risks do not exist."];
        }

        if (await members.RefuseNonMembersAsync(actor.Key, cancellationToken, ("owner", owner == control.Owner ? null : owner)) is { } notMembers)
        {
            errors["owner"] = notMembers["owner"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        db.ExpectVersion(control, (uint)request.Version);
        var now = clock.GetUtcNow();
        control.Applicable = request.Applicable;
        control.Justification = string.IsNullOrWhiteSpace(request.Justification) ? null : request.Justification.Trim();
        control.ImplementationStatus = request.ImplementationStatus;
        control.Owner = owner;
        control.EvidenceCadenceDays = request.EvidenceCadenceDays;
        control.Guidance = request.Guidance ?? control.Guidance;
        if (control.IsCustom && request.Title is not null)
        {
            control.Title = request.Title.Trim();
        }

        control.RiskLinks.RemoveAll(l => !riskIds.Contains(l.RiskId));
        control.RiskLinks.AddRange(riskIds.Except(control.RiskLinks.Select(l => l.RiskId)).Select(r => new ControlRisk { ControlId = control.Id, RiskId = r }).ToList());
        control.UpdatedAt = now;
        await ReviewTasks.ResolveAllAsync(db, control.Id, actor.Key, now, "Control reviewed and saved", cancellationToken);
        db.AddEvent(SoaEvents.ControlChanged(control, db, riskIds));
        await db.SaveChangesAsync(cancellationToken);
        var newest = await db.Evidence.Where(e => e.ControlId == id).MaxAsync(e => (DateOnly?)e.CoversTo, cancellationToken);
        return TypedResults.Ok(ToDto(control, newest, control.RiskLinks.Count, clock.Today()));
    }

    internal static ControlDto ToDto(Control c, DateOnly? newestCoversTo, int linkedRisks, DateOnly today) => new(
        c.Id, c.Reference, c.Title, c.Theme, c.IsCustom, c.Guidance, c.Applicable, c.Justification, c.ImplementationStatus, c.Owner,
        c.EvidenceCadenceDays, newestCoversTo, EvidenceFreshnessRule.Evaluate(c.EvidenceCadenceDays, newestCoversTo, today), linkedRisks, c.Version, c.UpdatedAt);
}
