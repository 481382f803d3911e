using System.ComponentModel.DataAnnotations;
using IsmsCloud.Suppliers.Assessments;
using IsmsCloud.Suppliers.Certificates;
using IsmsCloud.Suppliers.Gaps;

namespace IsmsCloud.Suppliers.Register;

public sealed record SaveSupplierRequest(
    [property: Required, StringLength(200, MinimumLength = 2)] string LegalName,
    [property: Required, EmailAddress, StringLength(200)] string Owner,
    Criticality Criticality = Criticality.Low,
    SupplierStatus Status = SupplierStatus.Active,
    List<string>? Services = null,
    List<string>? DataCategories = null,
    DataClassification DataClassification = DataClassification.None,
    List<string>? DataLocations = null,
    Guid? ParentSupplierId = null,
    DateOnly? ContractStartOn = null,
    DateOnly? ContractEndOn = null,
    [property: Range(0, 3650)] int? NoticePeriodDays = null,
    [property: StringLength(200)] string? AiModelProvider = null,
    [property: StringLength(2000)] string? AiDataUsed = null,
    bool AiAutomatedDecisions = false,
    List<Guid>? RiskIds = null,
    List<Guid>? AssetIds = null,
    // Ignored when adding; the version read when changing.
    [property: Range(0, uint.MaxValue)] long Version = 0);

public sealed record RecordMaterialChangeRequest(List<MaterialChangeKind>? Kinds, [property: Range(0, uint.MaxValue)] long Version = 0);

public sealed record ReassessmentDto(DateOnly DueOn, ReassessmentState State, int OverdueDays, bool DueToMaterialChange);

public sealed record SupplierDto(
    Guid Id, string LegalName, IReadOnlyList<string> Services, Criticality Criticality, IReadOnlyList<string> DataCategories,
    DataClassification DataClassification, IReadOnlyList<string> DataLocations, Guid? ParentSupplierId, DateOnly? ContractStartOn,
    DateOnly? ContractEndOn, int? NoticePeriodDays, string Owner, SupplierStatus Status, string? AiModelProvider, string? AiDataUsed,
    bool AiAutomatedDecisions, bool UsesAi, IReadOnlyList<Guid> RiskIds, IReadOnlyList<Guid> AssetIds, DateTimeOffset? LastMaterialChangeAt,
    string? LastMaterialChange, DateTimeOffset? LastCompletedAt, DateOnly? LastApprovedOn, ReassessmentDto Reassessment,
    IReadOnlyList<GapReason> GapReasons, uint Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static SupplierDto From(Supplier s, ReassessmentIntervals intervals, DateOnly today)
    {
        var schedule = Register.Reassessment.Of(s, intervals, today);
        return new(s.Id, s.LegalName, s.Services, s.Criticality, s.DataCategories, s.DataClassification, s.DataLocations, s.ParentSupplierId,
            s.ContractStartOn, s.ContractEndOn, s.NoticePeriodDays, s.Owner, s.Status, s.AiModelProvider, s.AiDataUsed, s.AiAutomatedDecisions, s.UsesAi,
            s.RiskIds, s.AssetIds, s.LastMaterialChangeAt, s.LastMaterialChange, s.LastCompletedAt, s.LastApprovedOn,
            new ReassessmentDto(schedule.DueOn, schedule.State, schedule.OverdueDays, schedule.DueToMaterialChange),
            AssuranceGaps.ReasonsOf(s, intervals, today), s.Version, s.CreatedAt, s.UpdatedAt);
    }
}

public sealed record SupplierNodeDto(Guid Id, string LegalName, Criticality Criticality, SupplierStatus Status, IReadOnlyList<SupplierNodeDto> SubProcessors);

public sealed record SupplierCertificateFileDto(string FileName, string ContentType, long SizeBytes, string Sha256, DateTimeOffset UploadedAt);

public sealed record SupplierCertificateDto(
    Guid Id, Guid SupplierId, CertificateKind Kind, bool IsCertificate, string Issuer, string? Reference, DateOnly ValidFrom, DateOnly ValidUntil,
    CertificateValidity Validity, int DaysToExpiry, SupplierCertificateFileDto? File, uint Version, DateTimeOffset UpdatedAt)
{
    public static SupplierCertificateDto From(SupplierCertificate c, DateOnly today, SupplierCertificateFileDto? file) => new(
        c.Id, c.SupplierId, c.Kind, c.IsCertificate, c.Issuer, c.Reference, c.ValidFrom, c.ValidUntil, c.ValidityOn(today), c.DaysToExpiry(today), file, c.Version, c.UpdatedAt);
}

public sealed record AssessmentDto(
    Guid Id, Guid SupplierId, string Title, AssessmentStatus Status, AssessmentResult? Result, string? ResidualRiskNote, IReadOnlyList<string> Conditions,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? CompletedAt, string? CompletedBy, uint Version,
    string? TemplateName, IReadOnlyList<Questionnaires.Question>? Questions, IReadOnlyDictionary<string, string> Answers, string? ContactEmail,
    DateTimeOffset? SubmittedAt, string? SentBackNote)
{
    public static AssessmentDto From(SupplierAssessment a) => new(
        a.Id, a.SupplierId, a.Title, a.Status, a.Result, a.ResidualRiskNote, a.Conditions, a.CreatedAt, a.CreatedBy, a.CompletedAt, a.CompletedBy, a.Version,
        a.TemplateName, a.Questions, a.Answers, a.ContactEmail, a.SubmittedAt, a.SentBackNote);
}

/// <summary>A questionnaire just sent: the link's path carries the token, shown this once (only its hash is kept).</summary>
public sealed record SentQuestionnaireDto(AssessmentDto Assessment, string LinkPath, DateTimeOffset LinkExpiresAt);

public sealed record SupplierDetailDto(
    SupplierDto Supplier, SupplierNodeDto? Parent, IReadOnlyList<SupplierNodeDto> SubProcessors, IReadOnlyList<SupplierCertificateDto> Certificates,
    IReadOnlyList<AssessmentDto> Assessments);

public enum SupplierSort
{
    Name,
    Newest,
    Criticality,
}
