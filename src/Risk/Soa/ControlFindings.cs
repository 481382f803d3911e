using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Risk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IsmsCloud.Risk.Soa;

/// <summary>
/// An audit finding on one of the tenant's controls, as audit-api announced it (FindingRaised, then FindingChanged):
/// the mark a control carries when an auditor found it wanting — the input of the "paper controls" pattern. A copy of
/// audit-api's facts (not audited here: audit-api's chain holds the finding's history).
/// </summary>
public sealed class ControlFinding : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid FindingId { get; init; }
    public Guid ControlId { get; set; }
    public Guid AuditId { get; init; }
    public required string Reference { get; set; }
    public required string Kind { get; set; }
    public required string Status { get; set; }
    public DateOnly RaisedOn { get; set; }
    public bool Recurring { get; set; }
    public uint Version { get; set; }
}

public sealed record ControlFindingDto(Guid FindingId, Guid AuditId, string Reference, string Kind, string Status, DateOnly RaisedOn, bool Recurring);

internal sealed class ControlFindingConfiguration : IEntityTypeConfiguration<ControlFinding>
{
    public void Configure(EntityTypeBuilder<ControlFinding> builder)
    {
        builder.ToTable("ControlFindings");
        builder.HasKey(f => new { f.TenantId, f.FindingId });
        builder.Property(f => f.Reference).HasMaxLength(40);
        builder.Property(f => f.Kind).HasMaxLength(30);
        builder.Property(f => f.Status).HasMaxLength(20);
        builder.HasIndex(nameof(ControlFinding.TenantId), nameof(ControlFinding.ControlId));
    }
}

/// <summary>Marks the control a finding names (by its id, or by its reference when audit-api did not know the id).</summary>
public sealed class FindingRaisedConsumer(RiskDbContext db, TimeProvider clock) : InboxConsumer<FindingRaised>(db, clock)
{
    protected override Task HandleAsync(FindingRaised m, CancellationToken cancellationToken) =>
        ControlFindingMarks.ApplyAsync(db, m.FindingId, m.AuditId, m.ControlId, m.Reference, m.Kind, m.Status, m.RaisedOn, m.Recurring, (uint)m.Version, cancellationToken);
}

/// <summary>Keeps the mark up to date: a changed kind, reference, status (closed, withdrawn) or recurrence.</summary>
public sealed class FindingChangedConsumer(RiskDbContext db, TimeProvider clock) : InboxConsumer<FindingChanged>(db, clock)
{
    protected override Task HandleAsync(FindingChanged m, CancellationToken cancellationToken) =>
        ControlFindingMarks.ApplyAsync(db, m.FindingId, m.AuditId, m.ControlId, m.Reference, m.Kind, m.Status, m.RaisedOn, m.Recurring, (uint)m.Version, cancellationToken);
}

internal static class ControlFindingMarks
{
    public static async Task ApplyAsync(
        RiskDbContext db, Guid findingId, Guid auditId, Guid? controlId, string reference, string kind, string status, DateOnly raisedOn, bool recurring,
        uint version, CancellationToken cancellationToken)
    {
        var control = controlId is { } id
            ? await db.Controls.Where(c => c.Id == id).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken)
            : await db.Controls.Where(c => c.Reference == reference).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
        var mark = await db.ControlFindings.FirstOrDefaultAsync(f => f.FindingId == findingId, cancellationToken);
        if (mark is not null && mark.Version >= version)
        {
            return; // a redelivery or an older version arriving late
        }

        if (control is null)
        {
            // A clause, or a control this tenant does not have (any longer): nothing to mark; an earlier mark goes.
            if (mark is not null)
            {
                db.ControlFindings.Remove(mark);
            }

            return;
        }

        if (mark is null)
        {
            mark = new ControlFinding { FindingId = findingId, AuditId = auditId, Reference = reference, Kind = kind, Status = status };
            db.ControlFindings.Add(mark);
        }

        mark.ControlId = control.Value;
        mark.Reference = reference;
        mark.Kind = kind;
        mark.Status = status;
        mark.RaisedOn = raisedOn;
        mark.Recurring = recurring;
        mark.Version = version;
    }
}

public static class ControlFindingsApi
{
    public static IEndpointRouteBuilder MapControlFindingsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("api/risk/controls/{id:guid}/findings", List).WithTags("Controls").RequireAuthorization(IsmsPolicies.TenantMember)
            .WithName("ListControlFindings").WithSummary("The audit findings raised on the control (from audit-api).");
        return app;
    }

    public static async Task<Results<Ok<List<ControlFindingDto>>, NotFound>> List(Guid id, RiskDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Controls.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await db.ControlFindings.AsNoTracking().Where(f => f.ControlId == id).OrderByDescending(f => f.RaisedOn)
            .Select(f => new ControlFindingDto(f.FindingId, f.AuditId, f.Reference, f.Kind, f.Status, f.RaisedOn, f.Recurring)).ToListAsync(cancellationToken));
    }
}
