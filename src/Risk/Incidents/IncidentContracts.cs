using System.ComponentModel.DataAnnotations;
using IsmsCloud.Risk.Risks;
using IsmsCloud.Risk.Treatment;

namespace IsmsCloud.Risk.Incidents;

public sealed record IncidentControlLink(Guid ControlId, ControlRole Role);

public sealed record SaveIncidentRequest(
    [property: Required, StringLength(300, MinimumLength = 3)] string Title,
    IncidentSeverity Severity,
    DateTimeOffset OccurredAt,
    DateTimeOffset DetectedAt,
    DateTimeOffset? ResolvedAt = null,
    [property: StringLength(8000)] string? Description = null,
    [property: MaxLength(100)] IReadOnlyList<IncidentControlLink>? Controls = null,
    [property: MaxLength(100)] IReadOnlyList<Guid>? RiskIds = null,
    [property: Range(0, uint.MaxValue)] long Version = 0);

/// <summary>A lesson learned becomes a treatment action on a risk (rule 7).</summary>
public sealed record AddLessonRequest(
    [property: Required, StringLength(300, MinimumLength = 3)] string Lesson,
    Guid RiskId,
    [property: Required, EmailAddress, StringLength(200)] string Owner,
    DateOnly DueOn);

public sealed record CloseIncidentRequest([property: StringLength(2000)] string? NoControlReason, [property: Range(0, uint.MaxValue)] long Version);

public sealed record IncidentDto(
    Guid Id, string Title, string? Description, IncidentSeverity Severity, DateTimeOffset OccurredAt, DateTimeOffset DetectedAt,
    DateTimeOffset? ResolvedAt, IncidentStatus Status, string ReportedBy, string? NoControlReason, DateTimeOffset? ClosedAt, uint Version)
{
    public static IncidentDto From(Incident i) => new(i.Id, i.Title, i.Description, i.Severity, i.OccurredAt, i.DetectedAt, i.ResolvedAt,
        i.Status, i.ReportedBy, i.NoControlReason, i.ClosedAt, i.Version);
}

public sealed record IncidentDetailDto(IncidentDto Incident, IReadOnlyList<LinkedRecord> Controls, IReadOnlyList<LinkedRecord> Risks, IReadOnlyList<TreatmentActionDto> Lessons);
