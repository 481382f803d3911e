using System.ComponentModel.DataAnnotations;

namespace IsmsCloud.Risk.Treatment;

public sealed record SaveTreatmentActionRequest(
    [property: Required, StringLength(300, MinimumLength = 3)] string Title,
    [property: Required, EmailAddress, StringLength(200)] string Owner,
    DateOnly DueOn,
    TreatmentActionStatus Status = TreatmentActionStatus.Planned,
    [property: Url, StringLength(2000)] string? TicketUrl = null,
    [property: Range(0, uint.MaxValue)] long Version = 0);

public enum TreatmentActionSort
{
    DueOn,
    Newest,
    Owner,
}

public sealed record TreatmentActionDto(
    Guid Id, Guid RiskId, string Title, string Owner, DateOnly DueOn, TreatmentActionStatus Status, string? TicketUrl,
    Guid? SourceIncidentId, int OverdueDays, uint Version, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt)
{
    public static TreatmentActionDto From(TreatmentAction a, DateOnly today) => new(
        a.Id, a.RiskId, a.Title, a.Owner, a.DueOn, a.Status, a.TicketUrl, a.SourceIncidentId, a.OverdueDays(today), a.Version, a.CreatedAt, a.CompletedAt);
}
