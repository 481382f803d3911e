using System.Text.Json;

namespace IsmsCloud.Reporting.Facts;

/// <summary>
/// A fact with its state read from JSON once, the form the signals compute from and the facts cache keeps (the JSON
/// text is dropped: a parsed state is about a third of its size). <see cref="State"/> is null for a deletion.
/// </summary>
public sealed record ParsedFact(FactKind Kind, Guid RecordId, long Version, DateTimeOffset EffectiveAt, object? State)
{
    /// <summary>When reporting stored it (the facts cache catches up from the newest it holds).</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    public bool Deleted => State is null;

    public static ParsedFact From(Fact fact) => new(fact.Kind, fact.RecordId, fact.Version, fact.EffectiveAt,
        fact.Deleted ? null : JsonSerializer.Deserialize(fact.Data, PayloadType(fact.Kind), FactStore.Json)
            ?? throw new InvalidOperationException($"Fact {fact.Kind} {fact.RecordId} v{fact.Version} holds no state."))
    {
        ReceivedAt = fact.ReceivedAt,
    };

    /// <summary>The payload each kind of fact holds (FactPayloads.cs); the one place the pairing lives.</summary>
    public static Type PayloadType(FactKind kind) => kind switch
    {
        FactKind.Risk => typeof(RiskFact),
        FactKind.TreatmentAction => typeof(TreatmentActionFact),
        FactKind.Control => typeof(ControlFact),
        FactKind.Evidence => typeof(EvidenceFact),
        FactKind.ControlException => typeof(ControlExceptionFact),
        FactKind.Incident => typeof(IncidentFact),
        FactKind.Certificate => typeof(CertificateFact),
        FactKind.Member => typeof(MemberFact),
        FactKind.Audit => typeof(AuditFact),
        FactKind.Finding => typeof(FindingFact),
        FactKind.CorrectiveAction => typeof(CorrectiveActionFact),
        FactKind.AccessReview => typeof(AccessReviewFact),
        FactKind.AccessReviewItem => typeof(AccessReviewItemFact),
        FactKind.Supplier => typeof(SupplierFact),
        FactKind.SupplierAssessment => typeof(SupplierAssessmentFact),
        FactKind.SupplierCertificate => typeof(SupplierCertificateFact),
        FactKind.SupplierSettings => typeof(SupplierSettingsFact),
        FactKind.ManagementReview => typeof(ManagementReviewFact),
        FactKind.ReviewTask => typeof(ReviewTaskFact),
        FactKind.Questionnaire => typeof(QuestionnaireFact),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A fact kind without a payload type."),
    };
}
