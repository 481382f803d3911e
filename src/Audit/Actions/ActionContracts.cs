using System.ComponentModel.DataAnnotations;

namespace IsmsCloud.Audits.Actions;

public sealed record CreateCorrectiveActionRequest(
    [property: Required, StringLength(200, MinimumLength = 3)] string Title,
    [property: Required, EmailAddress, StringLength(200)] string Owner,
    DateOnly DueOn,
    [property: StringLength(4000)] string? Description = null,
    [property: Range(1, CorrectiveAction.MaxEffectivenessCheckDays)] int? EffectivenessCheckDays = null);

public sealed record UpdateCorrectiveActionRequest(
    [property: Required, StringLength(200, MinimumLength = 3)] string Title,
    [property: Required, EmailAddress, StringLength(200)] string Owner,
    DateOnly DueOn,
    CorrectiveActionStatus Status,
    [property: Range(0, uint.MaxValue)] long Version,
    [property: StringLength(4000)] string? Description = null,
    [property: Url, StringLength(2000)] string? EvidenceLink = null,
    [property: Range(1, CorrectiveAction.MaxEffectivenessCheckDays)] int? EffectivenessCheckDays = null);

public sealed record CloseCorrectiveActionRequest([property: Range(0, uint.MaxValue)] long Version, [property: StringLength(2000)] string? Note = null);

public sealed record RecordEffectivenessRequest(Effectiveness Result, [property: Range(0, uint.MaxValue)] long Version, [property: StringLength(2000)] string? Note = null);

public sealed record EvidenceFileDto(string FileName, string ContentType, long SizeBytes, string Sha256, DateTimeOffset UploadedAt);

public sealed record CorrectiveActionDto(
    Guid Id,
    Guid FindingId,
    Guid AuditId,
    string Title,
    string? Description,
    string Owner,
    DateOnly DueOn,
    CorrectiveActionStatus Status,
    bool IsOpen,
    int OverdueDays,
    int EffectivenessCheckDays,
    DateOnly? ClosedOn,
    string? ClosedBy,
    string? ClosureNote,
    string? EvidenceLink,
    EvidenceFileDto? EvidenceFile,
    DateOnly? EffectivenessCheckDueOn,
    bool EffectivenessCheckDue,
    Effectiveness? Effectiveness,
    string? EffectivenessCheckedBy,
    DateOnly? EffectivenessCheckedOn,
    string? EffectivenessNote,
    int ReopenCount,
    uint Version,
    DateTimeOffset UpdatedAt)
{
    public static CorrectiveActionDto From(CorrectiveAction a, DateOnly today, EvidenceFileDto? file) => new(
        a.Id, a.FindingId, a.AuditId, a.Title, a.Description, a.Owner, a.DueOn, a.Status, a.IsOpen, a.OverdueDays(today), a.EffectivenessCheckDays,
        a.ClosedOn, a.ClosedBy, a.ClosureNote, a.EvidenceLink, file, a.EffectivenessCheckDueOn,
        a.Status == CorrectiveActionStatus.Closed && a.Effectiveness is null && a.EffectivenessCheckDueOn <= today,
        a.Effectiveness, a.EffectivenessCheckedBy, a.EffectivenessCheckedOn, a.EffectivenessNote, a.ReopenCount, a.Version, a.UpdatedAt);
}

public enum CorrectiveActionSort
{
    DueOn,
    DueOnDescending,
    Title,
}
