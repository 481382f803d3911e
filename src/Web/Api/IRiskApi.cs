using Refit;

namespace IsmsCloud.Web.Api;

// The web app's own copy of risk-api's contract (see decision 0006: the workspace talks to the APIs like any client).

public sealed record RiskDto(
    Guid Id, string Title, string? Description, string Owner, string? Threat, string? Vulnerability,
    int InherentLikelihood, int InherentImpact, int InherentScore, RiskBand InherentBand,
    int ResidualLikelihood, int ResidualImpact, int ResidualScore, RiskBand ResidualBand,
    TreatmentDecision? Decision, RiskStatus Status, bool AboveAppetite, DateOnly NextReviewOn, bool ReviewDue, int OverdueDays,
    uint Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record LinkedRecord(Guid Id, string Label, string? Detail);

public sealed record TreatmentActionDto(
    Guid Id, Guid RiskId, string Title, string Owner, DateOnly DueOn, TreatmentActionStatus Status, string? TicketUrl,
    Guid? SourceIncidentId, int OverdueDays, uint Version, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt);

public enum ReviewSubject { Risk, Control }

/// <summary>A "look at this again" task on a risk or a control.</summary>
public sealed record ReviewTaskDto(Guid Id, ReviewSubject Subject, Guid SubjectId, string Reason, DateTimeOffset OpenedAt, DateTimeOffset? ResolvedAt, string? ResolvedBy, string? Resolution);

public sealed record AcceptanceDto(Guid Id, int AcceptedResidualScore, string Rationale, string ApprovedBy, DateTimeOffset ApprovedAt, DateOnly ExpiresOn, AcceptanceStatus Status);

public sealed record ReviewDto(Guid Id, string Reason, DateTimeOffset OpenedAt, DateTimeOffset? ResolvedAt, string? ResolvedBy, string? Resolution);

public sealed record RiskDetailDto(
    RiskDto Risk, IReadOnlyList<LinkedRecord> Assets, IReadOnlyList<LinkedRecord> Controls, IReadOnlyList<LinkedRecord> Exceptions,
    IReadOnlyList<LinkedRecord> Incidents, IReadOnlyList<TreatmentActionDto> Actions, IReadOnlyList<AcceptanceDto> Acceptances,
    IReadOnlyList<ReviewDto> OpenReviews);

public sealed record AssessmentDto(
    Guid Id, DateTimeOffset AssessedAt, string AssessedBy, string? Rationale,
    int? InherentLikelihoodBefore, int? InherentImpactBefore, int? InherentBefore,
    int? ResidualLikelihoodBefore, int? ResidualImpactBefore, int? ResidualBefore,
    int InherentLikelihoodAfter, int InherentImpactAfter, int InherentAfter,
    int ResidualLikelihoodAfter, int ResidualImpactAfter, int ResidualAfter);

public sealed record HeatMapDto(int[][] Inherent, int[][] Residual, int Total);

public sealed record CreateRiskRequest(
    string Title, string Owner, int InherentLikelihood, int InherentImpact, int ResidualLikelihood, int ResidualImpact,
    string? Description = null, string? Threat = null, string? Vulnerability = null, IReadOnlyList<Guid>? AssetIds = null, string? Rationale = null);

public sealed record UpdateRiskRequest(
    string Title, string Owner, int InherentLikelihood, int InherentImpact, int ResidualLikelihood, int ResidualImpact, long Version,
    string? Description, string? Threat, string? Vulnerability, IReadOnlyList<Guid>? AssetIds, string? Rationale, DateOnly? NextReviewOn = null);

public sealed record DecideTreatmentRequest(TreatmentDecision? Decision, long Version);

public sealed record SaveTreatmentActionRequest(string Title, string Owner, DateOnly DueOn, TreatmentActionStatus Status = TreatmentActionStatus.Planned, string? TicketUrl = null, long Version = 0);

public sealed record AcceptRiskRequest(string Rationale, DateOnly ExpiresOn);

public sealed record ControlDto(
    Guid Id, string Reference, string Title, ControlTheme Theme, bool IsCustom, string? Guidance, bool? Applicable, string? Justification,
    ImplementationStatus ImplementationStatus, string? Owner, int? EvidenceCadenceDays, DateOnly? NewestEvidenceCoversTo, EvidenceFreshness EvidenceFreshness,
    int LinkedRiskCount, uint Version, DateTimeOffset UpdatedAt);

public sealed record UpdateControlRequest(
    bool? Applicable, string? Justification, ImplementationStatus ImplementationStatus, string? Owner, int? EvidenceCadenceDays,
    IReadOnlyList<Guid>? RiskIds, long Version, string? Title = null, string? Guidance = null);

public sealed record ControlDetailDto(ControlDto Control, IReadOnlyList<LinkedRecord> Risks, IReadOnlyList<LinkedRecord> Exceptions,
    IReadOnlyList<LinkedRecord> Incidents, IReadOnlyList<EvidenceDto> RecentEvidence, IReadOnlyList<ReviewDto> OpenReviews);

public sealed record EvidenceDto(
    Guid Id, Guid ControlId, string Title, string? Description, EvidenceSource Source, string? Link, DateOnly CoversFrom, DateOnly CoversTo,
    string CollectedBy, DateTimeOffset CollectedAt, string? FileName, string? ContentType, long? SizeBytes, string? Sha256);

public sealed record RecordEvidenceRequest(string Title, DateOnly CoversFrom, DateOnly CoversTo, EvidenceSource Source = EvidenceSource.Manual, string? Link = null, string? Description = null);

public sealed record CreateCustomControlRequest(string Reference, string Title, string? Guidance = null);

public sealed record ResolveReviewRequest(string Resolution);

/// <summary>One control as it stood when the SoA was published.</summary>
public sealed record SoaVersionEntry(
    string Reference, string Title, ControlTheme Theme, bool IsCustom, bool Applicable, string Justification,
    ImplementationStatus ImplementationStatus, string? Owner, int? EvidenceCadenceDays, int LinkedRiskCount);

public sealed record SoaVersionDto(SoaVersionSummaryDto Version, IReadOnlyList<SoaVersionEntry> Entries);

public sealed record SoaVersionSummaryDto(Guid Id, int Number, DateTimeOffset PublishedAt, string PublishedBy, string? Note, int ControlCount, int ApplicableCount, int ImplementedCount);

public sealed record PublishSoaRequest(string? Note);

public sealed record ExceptionDto(
    Guid Id, Guid ControlId, string ControlReference, string ControlTitle, Guid RiskId, string RiskTitle,
    string AffectedScope, string Reason, string CompensatingControls, string RequestedBy, DateTimeOffset RequestedAt, DateOnly RequestedExpiresOn,
    string? ApprovedBy, DateTimeOffset? GrantedAt, DateTimeOffset? FirstGrantedAt, DateOnly? ExpiresOn, ExceptionStatus Status,
    int RenewalCount, int AgeDays, bool IsPermanent, int? DaysToExpiry, string? DecisionNote, uint Version);

public sealed record RequestExceptionRequest(Guid ControlId, Guid RiskId, string AffectedScope, string Reason, string CompensatingControls, DateOnly RequestedExpiresOn);

public sealed record DecideExceptionRequest(DateOnly? ExpiresOn, string? Note, long Version);

public sealed record AssetDto(
    Guid Id, string Name, AssetType Type, Classification Classification, string Owner, bool InScope, string? Description,
    string? AiModelProvider, string? AiDataUsed, bool AiAutomatedDecisions, bool IsAi, uint Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record SaveAssetRequest(
    string Name, AssetType Type, Classification Classification, string Owner, bool InScope = true, string? Description = null,
    string? AiModelProvider = null, string? AiDataUsed = null, bool AiAutomatedDecisions = false, long Version = 0);

public sealed record IncidentDto(
    Guid Id, string Title, string? Description, IncidentSeverity Severity, DateTimeOffset OccurredAt, DateTimeOffset DetectedAt,
    DateTimeOffset? ResolvedAt, IncidentStatus Status, string ReportedBy, string? NoControlReason, DateTimeOffset? ClosedAt, uint Version);

public sealed record IncidentControlLink(Guid ControlId, ControlRole Role);

public sealed record SaveIncidentRequest(
    string Title, IncidentSeverity Severity, DateTimeOffset OccurredAt, DateTimeOffset DetectedAt, DateTimeOffset? ResolvedAt, string? Description,
    IReadOnlyList<IncidentControlLink>? Controls = null, IReadOnlyList<Guid>? RiskIds = null, long Version = 0);

public sealed record CloseIncidentRequest(string? NoControlReason, long Version);

public sealed record IncidentDetailDto(IncidentDto Incident, IReadOnlyList<LinkedRecord> Controls, IReadOnlyList<LinkedRecord> Risks, IReadOnlyList<TreatmentActionDto> Lessons);

/// <summary>A lesson learned becomes a treatment action on a risk (rule 7).</summary>
public sealed record AddLessonRequest(string Lesson, Guid RiskId, string Owner, DateOnly DueOn);

public sealed record ImportResult(int Imported);

public sealed record RiskSettingsDto(int RiskAppetite, int ReviewIntervalDays, int MaxAcceptanceMonths, int MaxExceptionDays, uint Version);

public sealed record UpdateRiskSettingsRequest(int RiskAppetite, int ReviewIntervalDays, int MaxAcceptanceMonths, int MaxExceptionDays, long Version);

public interface IRiskApi
{
    [Get("/api/risk/risks")]
    Task<PagedResult<RiskDto>> ListRisksAsync(int page, int pageSize, string? search, RiskSort sort, RiskBand? band = null, RiskStatus? status = null,
        bool? overdue = null, bool? aboveAppetite = null, CancellationToken cancellationToken = default);

    [Get("/api/risk/risks/{id}")]
    Task<RiskDetailDto> GetRiskAsync(Guid id, CancellationToken cancellationToken = default);

    [Get("/api/risk/risks/{id}/assessments")]
    Task<List<AssessmentDto>> ListAssessmentsAsync(Guid id, CancellationToken cancellationToken = default);

    [Post("/api/risk/risks")]
    Task<RiskDto> CreateRiskAsync([Body] CreateRiskRequest request, CancellationToken cancellationToken = default);

    [Put("/api/risk/risks/{id}")]
    Task<RiskDto> UpdateRiskAsync(Guid id, [Body] UpdateRiskRequest request, CancellationToken cancellationToken = default);

    [Put("/api/risk/risks/{id}/decision")]
    Task<RiskDto> DecideAsync(Guid id, [Body] DecideTreatmentRequest request, CancellationToken cancellationToken = default);

    [Post("/api/risk/risks/{riskId}/actions")]
    Task<TreatmentActionDto> AddActionAsync(Guid riskId, [Body] SaveTreatmentActionRequest request, CancellationToken cancellationToken = default);

    [Put("/api/risk/actions/{id}")]
    Task<TreatmentActionDto> UpdateActionAsync(Guid id, [Body] SaveTreatmentActionRequest request, CancellationToken cancellationToken = default);

    [Post("/api/risk/risks/{riskId}/acceptances")]
    Task<AcceptanceDto> AcceptAsync(Guid riskId, [Body] AcceptRiskRequest request, CancellationToken cancellationToken = default);

    [Get("/api/risk/settings")]
    Task<RiskSettingsDto> GetSettingsAsync(CancellationToken cancellationToken = default);

    [Put("/api/risk/settings")]
    Task<RiskSettingsDto> UpdateSettingsAsync([Body] UpdateRiskSettingsRequest request, CancellationToken cancellationToken = default);

    [Get("/api/risk/heatmap")]
    Task<HeatMapDto> HeatMapAsync(CancellationToken cancellationToken = default);

    [Get("/api/risk/controls")]
    Task<PagedResult<ControlDto>> ListControlsAsync(int page, int pageSize, string? search, ApplicabilityFilter? applicability = null, ControlTheme? theme = null,
        bool? stale = null, CancellationToken cancellationToken = default);

    /// <summary>The caller's controls (owner=me, resolved by risk-api from the token) whose evidence is due within the days.</summary>
    [Get("/api/risk/controls?owner=me")]
    Task<PagedResult<ControlDto>> ListMyControlsEvidenceDueAsync(int page, int pageSize, int evidenceDueWithinDays, CancellationToken cancellationToken = default);

    /// <summary>The caller's open treatment actions due within the days (overdue ones included).</summary>
    [Get("/api/risk/actions?owner=me")]
    Task<PagedResult<TreatmentActionDto>> ListMyActionsDueAsync(int page, int pageSize, int dueWithinDays, CancellationToken cancellationToken = default);

    /// <summary>The open review tasks on the caller's risks and controls.</summary>
    [Get("/api/risk/reviews?owner=me&open=true")]
    Task<PagedResult<ReviewTaskDto>> ListMyOpenReviewsAsync(int page, int pageSize, CancellationToken cancellationToken = default);

    [Get("/api/risk/controls/{id}")]
    Task<ControlDetailDto> GetControlAsync(Guid id, CancellationToken cancellationToken = default);

    [Post("/api/risk/controls")]
    Task<ControlDto> CreateCustomControlAsync([Body] CreateCustomControlRequest request, CancellationToken cancellationToken = default);

    [Post("/api/risk/reviews/{id}/resolve")]
    Task ResolveReviewAsync(Guid id, [Body] ResolveReviewRequest request, CancellationToken cancellationToken = default);

    [Put("/api/risk/controls/{id}")]
    Task<ControlDto> UpdateControlAsync(Guid id, [Body] UpdateControlRequest request, CancellationToken cancellationToken = default);

    [Post("/api/risk/controls/{controlId}/evidence")]
    Task<EvidenceDto> RecordEvidenceAsync(Guid controlId, [Body] RecordEvidenceRequest request, CancellationToken cancellationToken = default);

    [Get("/api/risk/evidence")]
    Task<PagedResult<EvidenceDto>> ListEvidenceAsync(int page, int pageSize, string? search, Guid? controlId = null, CancellationToken cancellationToken = default);

    /// <summary>The file streams through as the raw body; risk-api decides its type from the bytes and hashes it.</summary>
    [Put("/api/risk/evidence/{id}/attachment")]
    Task<EvidenceDto> AttachEvidenceFileAsync(Guid id, string fileName, [Body] HttpContent file, CancellationToken cancellationToken = default);

    /// <summary>An evidence record's file (EvidenceFileDownloads streams it to the browser unchanged).</summary>
    [Get("/api/risk/evidence/{id}/attachment")]
    Task<HttpResponseMessage> DownloadEvidenceFileAsync(Guid id, CancellationToken cancellationToken = default);

    [Delete("/api/risk/evidence/{id}")]
    Task DeleteEvidenceAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>One register as CSV (RegisterExportDownloads streams it to the browser unchanged).</summary>
    [Get("/api/risk/export/{register}")]
    Task<HttpResponseMessage> ExportAsync(string register, CancellationToken cancellationToken = default);

    [Post("/api/risk/import/{register}")]
    Task<ImportResult> ImportCsvAsync(string register, [Body] HttpContent csv, CancellationToken cancellationToken = default);

    [Get("/api/risk/soa/versions")]
    Task<List<SoaVersionSummaryDto>> ListSoaVersionsAsync(CancellationToken cancellationToken = default);

    [Get("/api/risk/soa/versions/{number}")]
    Task<SoaVersionDto> GetSoaVersionAsync(int number, CancellationToken cancellationToken = default);

    [Post("/api/risk/soa/publish")]
    Task<SoaVersionSummaryDto> PublishSoaAsync([Body] PublishSoaRequest request, CancellationToken cancellationToken = default);

    [Get("/api/risk/exceptions")]
    Task<PagedResult<ExceptionDto>> ListExceptionsAsync(int page, int pageSize, string? search, ExceptionStatus? status = null, bool? permanent = null,
        CancellationToken cancellationToken = default);

    /// <summary>The caller's exceptions (requested by them or on their controls) ending within the days, or expired and not closed.</summary>
    [Get("/api/risk/exceptions?owner=me")]
    Task<PagedResult<ExceptionDto>> ListMyExceptionsEndingAsync(int page, int pageSize, int dueWithinDays, CancellationToken cancellationToken = default);

    [Post("/api/risk/exceptions")]
    Task<ExceptionDto> RequestExceptionAsync([Body] RequestExceptionRequest request, CancellationToken cancellationToken = default);

    [Post("/api/risk/exceptions/{id}/{decision}")]
    Task<ExceptionDto> DecideExceptionAsync(Guid id, string decision, [Body] DecideExceptionRequest request, CancellationToken cancellationToken = default);

    [Get("/api/risk/assets")]
    Task<PagedResult<AssetDto>> ListAssetsAsync(int page, int pageSize, string? search, CancellationToken cancellationToken = default);

    [Post("/api/risk/assets")]
    Task<AssetDto> CreateAssetAsync([Body] SaveAssetRequest request, CancellationToken cancellationToken = default);

    [Put("/api/risk/assets/{id}")]
    Task<AssetDto> UpdateAssetAsync(Guid id, [Body] SaveAssetRequest request, CancellationToken cancellationToken = default);

    [Delete("/api/risk/assets/{id}")]
    Task DeleteAssetAsync(Guid id, CancellationToken cancellationToken = default);

    [Delete("/api/risk/risks/{id}")]
    Task DeleteRiskAsync(Guid id, CancellationToken cancellationToken = default);

    [Delete("/api/risk/actions/{id}")]
    Task DeleteActionAsync(Guid id, CancellationToken cancellationToken = default);

    [Post("/api/risk/acceptances/{id}/revoke")]
    Task<AcceptanceDto> RevokeAcceptanceAsync(Guid id, CancellationToken cancellationToken = default);

    [Get("/api/risk/incidents")]
    Task<PagedResult<IncidentDto>> ListIncidentsAsync(int page, int pageSize, string? search, CancellationToken cancellationToken = default);

    [Post("/api/risk/incidents")]
    Task<IncidentDto> CreateIncidentAsync([Body] SaveIncidentRequest request, CancellationToken cancellationToken = default);

    [Get("/api/risk/incidents/{id}")]
    Task<IncidentDetailDto> GetIncidentAsync(Guid id, CancellationToken cancellationToken = default);

    [Put("/api/risk/incidents/{id}")]
    Task<IncidentDto> UpdateIncidentAsync(Guid id, [Body] SaveIncidentRequest request, CancellationToken cancellationToken = default);

    [Post("/api/risk/incidents/{id}/lessons")]
    Task<TreatmentActionDto> AddLessonAsync(Guid id, [Body] AddLessonRequest request, CancellationToken cancellationToken = default);

    [Post("/api/risk/incidents/{id}/close")]
    Task<IncidentDto> CloseIncidentAsync(Guid id, [Body] CloseIncidentRequest request, CancellationToken cancellationToken = default);
}
