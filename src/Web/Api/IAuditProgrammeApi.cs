using Refit;

namespace IsmsCloud.Web.Api;

// The web app's own copy of audit-api's contract (decision 0006: the workspace talks to the APIs like any client).

public enum AuditKind { Internal, Certification, Surveillance, Recertification }

public enum AuditStatus { Planned, InProgress, Completed, Cancelled }

public enum FindingKind { MajorNonconformity, MinorNonconformity, Observation, OpportunityForImprovement }

public enum FindingStatus { Open, ActionsCompleted, Closed, Withdrawn }

public enum CorrectiveActionStatus { Open, InProgress, Closed }

public enum Effectiveness { Effective, NotEffective }

public enum CampaignStatus { Draft, Open, Closed, Cancelled }

public enum ReviewDecision { Keep, Revoke, Modify }

public enum AccountChange { New, Unchanged, Changed }

public enum RootCauseCategory { People, Process, Technology, Documentation, Resources, Supplier, Other }

public sealed record AuditDto(
    Guid Id, string Title, AuditKind Kind, int Year, string Scope, string Criteria, string? Auditor, string? ExternalBody,
    DateOnly PlannedStartOn, DateOnly PlannedEndOn, DateOnly? StartedOn, DateOnly? CompletedOn, AuditStatus Status, int Findings, int OpenFindings,
    uint Version, DateTimeOffset UpdatedAt);

public sealed record SaveAuditRequest(
    string Title, AuditKind Kind, int Year, string Scope, string Criteria, string? Auditor, string? ExternalBody, DateOnly PlannedStartOn,
    DateOnly PlannedEndOn, long Version = 0);

public sealed record AuditStepRequest(DateOnly? On, long Version);

public sealed record FindingDto(
    Guid Id, Guid AuditId, string AuditTitle, FindingKind Kind, string Reference, Guid? ControlId, string Description, string? EvidenceSeen,
    RootCauseCategory? RootCauseCategory, string? RootCauseAnalysis, FindingStatus Status, string? WithdrawalReason, DateOnly RaisedOn, string RaisedBy,
    DateOnly? ClosedOn, bool Recurring, bool Escalate, int OpenActions, uint Version, DateTimeOffset UpdatedAt);

public sealed record EarlierFindingDto(Guid Id, Guid AuditId, string AuditTitle, FindingKind Kind, DateOnly RaisedOn, FindingStatus Status);

public sealed record EvidenceFileDto(string FileName, string ContentType, long SizeBytes, string Sha256, DateTimeOffset UploadedAt);

public sealed record CorrectiveActionDto(
    Guid Id, Guid FindingId, Guid AuditId, string Title, string? Description, string Owner, DateOnly DueOn, CorrectiveActionStatus Status, bool IsOpen,
    int OverdueDays, int EffectivenessCheckDays, DateOnly? ClosedOn, string? ClosedBy, string? ClosureNote, string? EvidenceLink,
    EvidenceFileDto? EvidenceFile, DateOnly? EffectivenessCheckDueOn, bool EffectivenessCheckDue, Effectiveness? Effectiveness,
    string? EffectivenessCheckedBy, DateOnly? EffectivenessCheckedOn, string? EffectivenessNote, int ReopenCount, uint Version, DateTimeOffset UpdatedAt);

public sealed record FindingDetailDto(FindingDto Finding, IReadOnlyList<EarlierFindingDto> EarlierFindings, IReadOnlyList<CorrectiveActionDto> Actions);

public sealed record RaiseFindingRequest(
    FindingKind Kind, string Reference, string Description, string? EvidenceSeen = null, RootCauseCategory? RootCauseCategory = null,
    string? RootCauseAnalysis = null, DateOnly? RaisedOn = null);

public sealed record UpdateFindingRequest(
    FindingKind Kind, string Reference, string Description, long Version, string? EvidenceSeen = null, RootCauseCategory? RootCauseCategory = null,
    string? RootCauseAnalysis = null);

public sealed record WithdrawFindingRequest(string Reason, long Version);

public sealed record CreateCorrectiveActionRequest(string Title, string Owner, DateOnly DueOn, string? Description = null, int? EffectivenessCheckDays = null);

public sealed record UpdateCorrectiveActionRequest(
    string Title, string Owner, DateOnly DueOn, CorrectiveActionStatus Status, long Version, string? Description = null, string? EvidenceLink = null,
    int? EffectivenessCheckDays = null);

public sealed record CloseCorrectiveActionRequest(long Version, string? Note = null);

public sealed record RecordEffectivenessRequest(Effectiveness Result, long Version, string? Note = null);

public sealed record VersionRequest(long Version);

public sealed record CampaignVersionRequest(long Version);

public sealed record CampaignDto(
    Guid Id, string System, string Title, IReadOnlyList<string> Reviewers, DateOnly DueOn, CampaignStatus Status, Guid? PreviousCampaignId,
    int Items, int Decided, int UnverifiedRevocations, double? Completion, bool Overdue, DateTimeOffset? OpenedAt, DateTimeOffset? ClosedAt,
    uint Version, DateTimeOffset UpdatedAt);

public sealed record DisappearedAccountDto(string Account, string UserName, string? Email, string Entitlements, bool Privileged, ReviewDecision? PreviousDecision);

public sealed record CampaignDetailDto(CampaignDto Campaign, int NewAccounts, int ChangedAccounts, IReadOnlyList<DisappearedAccountDto> DisappearedAccounts);

public sealed record ReviewItemDto(
    Guid Id, Guid CampaignId, string UserName, string? Email, string Account, string Entitlements, bool Privileged, DateOnly? LastLoginOn,
    AccountChange? Change, ReviewDecision? Decision, string? Justification, string? DecidedBy, DateTimeOffset? DecidedAt, bool NeedsVerification,
    string? VerifiedBy, DateTimeOffset? VerifiedAt, string? VerificationEvidence, uint Version);

public sealed record CreateCampaignRequest(string System, string Title, IReadOnlyList<string> Reviewers, DateOnly DueOn);

public sealed record UpdateCampaignRequest(string Title, IReadOnlyList<string> Reviewers, DateOnly DueOn, long Version);

public sealed record ItemsFromSupplierAccessRequest(string? System = null);

public sealed record DecideItemRequest(ReviewDecision Decision, long Version, string? Justification = null);

public sealed record VerifyItemRequest(string Evidence, long Version);

public sealed record CampaignImportResult(int Imported, CampaignDto Campaign);

/// <summary>audit-api through the gateway: the audit programme, findings, corrective actions and access reviews.</summary>
public interface IAuditProgrammeApi
{
    [Get("/api/audit/audits")]
    Task<PagedResult<AuditDto>> ListAuditsAsync(int page, int pageSize, int? year, string? search, CancellationToken cancellationToken = default);

    /// <summary>The audits of one kind; with a page size of 1, only its total is of use (the home page's checklist).</summary>
    [Get("/api/audit/audits")]
    Task<PagedResult<AuditDto>> CountAuditsAsync(int page, int pageSize, AuditKind kind, CancellationToken cancellationToken = default);

    [Get("/api/audit/audits/{id}")]
    Task<AuditDto> GetAuditAsync(Guid id, CancellationToken cancellationToken = default);

    [Post("/api/audit/audits")]
    Task<AuditDto> CreateAuditAsync([Body] SaveAuditRequest request, CancellationToken cancellationToken = default);

    [Post("/api/audit/audits/{id}/start")]
    Task<AuditDto> StartAuditAsync(Guid id, [Body] AuditStepRequest request, CancellationToken cancellationToken = default);

    [Post("/api/audit/audits/{id}/complete")]
    Task<AuditDto> CompleteAuditAsync(Guid id, [Body] AuditStepRequest request, CancellationToken cancellationToken = default);

    [Get("/api/audit/findings")]
    Task<PagedResult<FindingDto>> ListFindingsAsync(Guid? auditId, bool? recurring, int page, int pageSize, CancellationToken cancellationToken = default);

    [Get("/api/audit/findings")]
    Task<PagedResult<FindingDto>> SearchFindingsAsync(Guid? auditId, FindingKind? kind, FindingStatus? status, bool? recurring, string? search, int page, int pageSize,
        CancellationToken cancellationToken = default);

    [Put("/api/audit/findings/{id}")]
    Task<FindingDetailDto> UpdateFindingAsync(Guid id, [Body] UpdateFindingRequest request, CancellationToken cancellationToken = default);

    [Post("/api/audit/findings/{id}/withdraw")]
    Task<FindingDetailDto> WithdrawFindingAsync(Guid id, [Body] WithdrawFindingRequest request, CancellationToken cancellationToken = default);

    [Get("/api/audit/findings/{id}")]
    Task<FindingDetailDto> GetFindingAsync(Guid id, CancellationToken cancellationToken = default);

    [Post("/api/audit/audits/{auditId}/findings")]
    Task<FindingDetailDto> RaiseFindingAsync(Guid auditId, [Body] RaiseFindingRequest request, CancellationToken cancellationToken = default);

    [Post("/api/audit/findings/{id}/close")]
    Task<FindingDetailDto> CloseFindingAsync(Guid id, [Body] VersionRequest request, CancellationToken cancellationToken = default);

    [Post("/api/audit/findings/{findingId}/actions")]
    Task<CorrectiveActionDto> CreateActionAsync(Guid findingId, [Body] CreateCorrectiveActionRequest request, CancellationToken cancellationToken = default);

    [Get("/api/audit/corrective-actions")]
    Task<PagedResult<CorrectiveActionDto>> ListActionsAsync(bool? overdue, int page, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>The caller's corrective actions not closed and due within the days (overdue ones included).</summary>
    [Get("/api/audit/corrective-actions?owner=me")]
    Task<PagedResult<CorrectiveActionDto>> ListMyActionsDueAsync(int page, int pageSize, int dueWithinDays, CancellationToken cancellationToken = default);

    [Put("/api/audit/corrective-actions/{id}")]
    Task<CorrectiveActionDto> UpdateActionAsync(Guid id, [Body] UpdateCorrectiveActionRequest request, CancellationToken cancellationToken = default);

    /// <summary>The closure evidence file (PDF, PNG or JPEG): the raw bytes, checked by audit-api's upload pipeline.</summary>
    [Put("/api/audit/corrective-actions/{id}/evidence-file")]
    Task<CorrectiveActionDto> UploadEvidenceAsync(Guid id, [Query] string fileName, [Body] HttpContent file, CancellationToken cancellationToken = default);

    [Post("/api/audit/corrective-actions/{id}/close")]
    Task<CorrectiveActionDto> CloseActionAsync(Guid id, [Body] CloseCorrectiveActionRequest request, CancellationToken cancellationToken = default);

    [Post("/api/audit/corrective-actions/{id}/effectiveness")]
    Task<CorrectiveActionDto> RecordEffectivenessAsync(Guid id, [Body] RecordEffectivenessRequest request, CancellationToken cancellationToken = default);

    /// <summary>One register as CSV (RegisterExportDownloads streams it to the browser unchanged); review-items may name one campaign.</summary>
    [Get("/api/audit/export/{register}")]
    Task<HttpResponseMessage> ExportAsync(string register, Guid? campaignId, CancellationToken cancellationToken = default);

    [Get("/api/audit/access-reviews")]
    Task<PagedResult<CampaignDto>> ListCampaignsAsync(int page, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>Open campaigns the caller reviews (reviewer=me, resolved by audit-api from the token) due within the days.</summary>
    [Get("/api/audit/access-reviews?reviewer=me")]
    Task<PagedResult<CampaignDto>> ListMyCampaignsDueAsync(int page, int pageSize, int dueWithinDays, CancellationToken cancellationToken = default);

    [Get("/api/audit/access-reviews/{id}")]
    Task<CampaignDetailDto> GetCampaignAsync(Guid id, CancellationToken cancellationToken = default);

    [Post("/api/audit/access-reviews")]
    Task<CampaignDetailDto> CreateCampaignAsync([Body] CreateCampaignRequest request, CancellationToken cancellationToken = default);

    [Put("/api/audit/access-reviews/{id}")]
    Task<CampaignDetailDto> UpdateCampaignAsync(Guid id, [Body] UpdateCampaignRequest request, CancellationToken cancellationToken = default);

    [Post("/api/audit/access-reviews/{id}/items/from-supplier-access")]
    Task<CampaignImportResult> ItemsFromSupplierAccessAsync(Guid id, [Body] ItemsFromSupplierAccessRequest request, CancellationToken cancellationToken = default);

    [Post("/api/audit/access-reviews/{id}/items/import")]
    Task<CampaignImportResult> ImportItemsAsync(Guid id, [Body] HttpContent csv, CancellationToken cancellationToken = default);

    [Post("/api/audit/access-reviews/{id}/open")]
    Task<CampaignDetailDto> OpenCampaignAsync(Guid id, [Body] CampaignVersionRequest request, CancellationToken cancellationToken = default);

    [Post("/api/audit/access-reviews/{id}/close")]
    Task<CampaignDetailDto> CloseCampaignAsync(Guid id, [Body] CampaignVersionRequest request, CancellationToken cancellationToken = default);

    [Get("/api/audit/access-reviews/{id}/items")]
    Task<PagedResult<ReviewItemDto>> ListItemsAsync(Guid id, int page, int pageSize, string? search, CancellationToken cancellationToken = default);

    [Post("/api/audit/access-reviews/{id}/items/{itemId}/decision")]
    Task<ReviewItemDto> DecideItemAsync(Guid id, Guid itemId, [Body] DecideItemRequest request, CancellationToken cancellationToken = default);

    [Post("/api/audit/access-reviews/{id}/items/{itemId}/verification")]
    Task<ReviewItemDto> VerifyItemAsync(Guid id, Guid itemId, [Body] VerifyItemRequest request, CancellationToken cancellationToken = default);
}
