using Refit;

// The web app's copies of supplier-api's DTOs and enums (decision 0012), in their own namespace because some names
// (CertificateValidity, SaveCertificateRequest) are trust-api's too; WebClientContractTests checks them member for member.
namespace IsmsCloud.Web.Api.Suppliers;

public enum Criticality { Low, Medium, High, Critical }

public enum SupplierStatus { Active, Offboarding, Ended }

public enum DataClassification { None, Public, Internal, Confidential, Restricted }

public enum ReassessmentState { Scheduled, Due, Overdue }

public enum GapReason { NoValidAssessment, UnassessedChange, ExpiredCertificate }

public enum CertificateKind { Iso27001, Soc2Type1, Soc2Type2, Dpa, Contract }

public enum CertificateValidity { Valid, NotYetValid, Expired }

public enum AssessmentStatus { InProgress, AwaitingSupplier, Submitted, Completed, Cancelled }

public enum AssessmentResult { Approved, ApprovedWithConditions, Rejected }

public enum AnswerType { YesNo, Choice, Text, Date, File }

public enum SupplierSort { Name, Newest, Criticality }

public sealed record ReassessmentDto(DateOnly DueOn, ReassessmentState State, int OverdueDays, bool DueToMaterialChange);

public sealed record SupplierDto(
    Guid Id, string LegalName, IReadOnlyList<string> Services, Criticality Criticality, IReadOnlyList<string> DataCategories,
    DataClassification DataClassification, IReadOnlyList<string> DataLocations, Guid? ParentSupplierId, DateOnly? ContractStartOn,
    DateOnly? ContractEndOn, int? NoticePeriodDays, string Owner, SupplierStatus Status, string? AiModelProvider, string? AiDataUsed,
    bool AiAutomatedDecisions, bool UsesAi, IReadOnlyList<Guid> RiskIds, IReadOnlyList<Guid> AssetIds, DateTimeOffset? LastMaterialChangeAt,
    string? LastMaterialChange, DateTimeOffset? LastCompletedAt, DateOnly? LastApprovedOn, ReassessmentDto Reassessment,
    IReadOnlyList<GapReason> GapReasons, uint Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record SupplierNodeDto(Guid Id, string LegalName, Criticality Criticality, SupplierStatus Status, IReadOnlyList<SupplierNodeDto> SubProcessors);

public sealed record SupplierCertificateFileDto(string FileName, string ContentType, long SizeBytes, string Sha256, DateTimeOffset UploadedAt);

public sealed record SupplierCertificateDto(
    Guid Id, Guid SupplierId, CertificateKind Kind, bool IsCertificate, string Issuer, string? Reference, DateOnly ValidFrom, DateOnly ValidUntil,
    CertificateValidity Validity, int DaysToExpiry, SupplierCertificateFileDto? File, uint Version, DateTimeOffset UpdatedAt);

public sealed record Question(string Id, string Text, AnswerType Type, IReadOnlyList<string> Choices, bool Required);

public sealed record AssessmentDto(
    Guid Id, Guid SupplierId, string Title, AssessmentStatus Status, AssessmentResult? Result, string? ResidualRiskNote, IReadOnlyList<string> Conditions,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? CompletedAt, string? CompletedBy, uint Version,
    string? TemplateName, IReadOnlyList<Question>? Questions, IReadOnlyDictionary<string, string> Answers, string? ContactEmail,
    DateTimeOffset? SubmittedAt, string? SentBackNote);

public sealed record AssessmentSummaryDto(
    Guid Id, Guid SupplierId, string SupplierName, string SupplierOwner, string Title, AssessmentStatus Status, DateTimeOffset CreatedAt, string CreatedBy,
    DateTimeOffset? SubmittedAt);

public sealed record SentQuestionnaireDto(AssessmentDto Assessment, string LinkPath, DateTimeOffset LinkExpiresAt);

public sealed record SupplierDetailDto(
    SupplierDto Supplier, SupplierNodeDto? Parent, IReadOnlyList<SupplierNodeDto> SubProcessors, IReadOnlyList<SupplierCertificateDto> Certificates,
    IReadOnlyList<AssessmentDto> Assessments);

public sealed record SaveSupplierRequest(
    string LegalName, string Owner, Criticality Criticality, SupplierStatus Status, List<string>? Services, List<string>? DataCategories,
    DataClassification DataClassification, List<string>? DataLocations, Guid? ParentSupplierId, DateOnly? ContractStartOn, DateOnly? ContractEndOn,
    int? NoticePeriodDays, string? AiModelProvider, string? AiDataUsed, bool AiAutomatedDecisions, List<Guid>? RiskIds, List<Guid>? AssetIds, long Version);

public sealed record SaveCertificateRequest(CertificateKind Kind, string Issuer, string? Reference, DateOnly ValidFrom, DateOnly ValidUntil, long Version);

public sealed record SupplierAccessDto(
    Guid Id, Guid SupplierId, string System, string Account, string? PersonName, string? Email, string Entitlements, bool Privileged,
    DateOnly Since, DateOnly? Until, DateTimeOffset? LastLoginAt, bool Active, uint Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record SaveSupplierAccessRequest(
    string System, string Account, string? PersonName, string? Email, string? Entitlements, bool Privileged, DateOnly Since, DateOnly? Until,
    DateTimeOffset? LastLoginAt, long Version);

public sealed record CompleteAssessmentRequest(AssessmentResult Result, string? ResidualRiskNote, List<string>? Conditions, long Version);

public sealed record SendQuestionnaireRequest(Guid TemplateId, string ContactEmail);

public sealed record SendBackRequest(string Note);

public sealed record SupplierImportResult(int Imported);

public sealed record QuestionInput(string? Id, string? Text, AnswerType Type, List<string>? Choices, bool Required);

public sealed record SaveTemplateRequest(string Name, List<QuestionInput>? Questions, long Version);

public sealed record TemplateDto(Guid Id, string Name, IReadOnlyList<Question> Questions, uint Version, DateTimeOffset UpdatedAt);

/// <summary>supplier-api through the gateway: the register, certificates, assessments and questionnaires.</summary>
public interface ISupplierApi
{
    [Get("/api/suppliers")]
    Task<PagedResult<SupplierDto>> ListSuppliersAsync(
        int page, int pageSize, string? search, Criticality? criticality, bool? withGaps, SupplierSort sort, CancellationToken cancellationToken = default);

    [Get("/api/suppliers/{id}")]
    Task<SupplierDetailDto> GetSupplierAsync(Guid id, CancellationToken cancellationToken = default);

    [Post("/api/suppliers")]
    Task<SupplierDto> CreateSupplierAsync([Body] SaveSupplierRequest request, CancellationToken cancellationToken = default);

    [Put("/api/suppliers/{id}")]
    Task<SupplierDto> UpdateSupplierAsync(Guid id, [Body] SaveSupplierRequest request, CancellationToken cancellationToken = default);

    [Post("/api/suppliers/{supplierId}/certificates")]
    Task<SupplierCertificateDto> AddCertificateAsync(Guid supplierId, [Body] SaveCertificateRequest request, CancellationToken cancellationToken = default);

    [Get("/api/suppliers/export/{register}")]
    Task<HttpResponseMessage> ExportAsync(string register, CancellationToken cancellationToken = default);

    /// <summary>One register from CSV (suppliers, certificates or assessments), all or nothing: supplier-api checks every row first and saves none unless all are valid.</summary>
    [Post("/api/suppliers/import/{register}")]
    Task<SupplierImportResult> ImportAsync(string register, [Body] HttpContent csv, CancellationToken cancellationToken = default);

    [Get("/api/suppliers/{supplierId}/access")]
    Task<List<SupplierAccessDto>> ListAccessAsync(Guid supplierId, CancellationToken cancellationToken = default);

    [Post("/api/suppliers/{supplierId}/access")]
    Task<SupplierAccessDto> AddAccessAsync(Guid supplierId, [Body] SaveSupplierAccessRequest request, CancellationToken cancellationToken = default);

    [Put("/api/suppliers/{supplierId}/access/{id}")]
    Task<SupplierAccessDto> UpdateAccessAsync(Guid supplierId, Guid id, [Body] SaveSupplierAccessRequest request, CancellationToken cancellationToken = default);

    [Delete("/api/suppliers/{supplierId}/access/{id}")]
    Task DeleteAccessAsync(Guid supplierId, Guid id, CancellationToken cancellationToken = default);

    [Post("/api/suppliers/{supplierId}/questionnaires")]
    Task<SentQuestionnaireDto> SendQuestionnaireAsync(Guid supplierId, [Body] SendQuestionnaireRequest request, CancellationToken cancellationToken = default);

    [Post("/api/suppliers/assessments/{id}/send-back")]
    Task<SentQuestionnaireDto> SendBackAsync(Guid id, [Body] SendBackRequest request, CancellationToken cancellationToken = default);

    /// <summary>Submitted questionnaires on the caller's suppliers or assessments (owner=me, resolved by supplier-api from the token).</summary>
    [Get("/api/suppliers/assessments?owner=me&status=Submitted")]
    Task<PagedResult<AssessmentSummaryDto>> ListMyQuestionnairesToReviewAsync(int page, int pageSize, CancellationToken cancellationToken = default);

    [Post("/api/suppliers/assessments/{id}/complete")]
    Task<AssessmentDto> CompleteAssessmentAsync(Guid id, [Body] CompleteAssessmentRequest request, CancellationToken cancellationToken = default);

    [Get("/api/suppliers/questionnaire-templates")]
    Task<List<TemplateDto>> ListTemplatesAsync(CancellationToken cancellationToken = default);

    [Post("/api/suppliers/questionnaire-templates")]
    Task<TemplateDto> CreateTemplateAsync([Body] SaveTemplateRequest request, CancellationToken cancellationToken = default);
}
