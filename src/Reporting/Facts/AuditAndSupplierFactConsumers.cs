using IsmsCloud.Contracts.Events;
using IsmsCloud.Reporting.Infrastructure;
using IsmsCloud.Reporting.Signals;

namespace IsmsCloud.Reporting.Facts;

// The facts from audit-api (signals 3, 4 and 9, audit-centric governance) and supplier-api (signal 5, and the
// questionnaires the daily digest lists).

public sealed class AuditStartedFactConsumer(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed) : FactConsumer<AuditStarted>(db, clock, feed)
{
    protected override FactVersion ToFact(AuditStarted e) => new(FactKind.Audit, e.AuditId, e.Version, e.StartedAt,
        new AuditFact(e.Title, e.Kind.ToString(), e.StartedOn));
}

public sealed class AuditCompletedFactConsumer(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed) : FactConsumer<AuditCompleted>(db, clock, feed)
{
    protected override FactVersion ToFact(AuditCompleted e) => new(FactKind.Audit, e.AuditId, e.Version, e.CompletedAt,
        new AuditFact(e.Title, e.Kind.ToString(), e.StartedOn));
}

public sealed class FindingRaisedFactConsumer(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed) : FactConsumer<FindingRaised>(db, clock, feed)
{
    protected override FactVersion ToFact(FindingRaised e) => new(FactKind.Finding, e.FindingId, e.Version, e.RaisedAt,
        new FindingFact(e.AuditId, e.Kind, e.Reference, e.Status, e.RaisedOn));
}

public sealed class FindingChangedFactConsumer(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed) : FactConsumer<FindingChanged>(db, clock, feed)
{
    protected override FactVersion ToFact(FindingChanged e) => new(FactKind.Finding, e.FindingId, e.Version, e.ChangedAt,
        new FindingFact(e.AuditId, e.Kind, e.Reference, e.Status, e.RaisedOn));
}

public sealed class CorrectiveActionFactConsumer(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed) : FactConsumer<CorrectiveActionChanged>(db, clock, feed)
{
    protected override FactVersion ToFact(CorrectiveActionChanged e) => new(FactKind.CorrectiveAction, e.ActionId, e.Version, e.ChangedAt,
        new CorrectiveActionFact(e.FindingId, e.Title, e.Owner, e.DueOn, e.Status, e.IsOpen));
}

public sealed class AccessReviewFactConsumer(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed) : FactConsumer<AccessReviewChanged>(db, clock, feed)
{
    protected override FactVersion ToFact(AccessReviewChanged e) => new(FactKind.AccessReview, e.CampaignId, e.Version, e.ChangedAt,
        new AccessReviewFact(e.System, e.Status, e.DueOn, e.Items, e.Reviewers, e.Title));
}

public sealed class AccessReviewItemFactConsumer(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed) : FactConsumer<AccessReviewItemChanged>(db, clock, feed)
{
    protected override FactVersion ToFact(AccessReviewItemChanged e) => new(FactKind.AccessReviewItem, e.ItemId, e.Version, e.ChangedAt,
        new AccessReviewItemFact(e.CampaignId, e.Decision, e.Verified));
}

public sealed class SupplierFactConsumer(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed) : FactConsumer<SupplierChanged>(db, clock, feed)
{
    protected override FactVersion ToFact(SupplierChanged e) => e.Deleted
        ? new(FactKind.Supplier, e.SupplierId, FactStore.DeletionVersion(e.Version), e.ChangedAt, null)
        : new(FactKind.Supplier, e.SupplierId, e.Version, e.ChangedAt, new SupplierFact(e.LegalName, e.Criticality, e.Status, e.LastMaterialChangeAt, e.Owner));
}

public sealed class SupplierAssessedFactConsumer(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed) : FactConsumer<SupplierAssessed>(db, clock, feed)
{
    protected override FactVersion ToFact(SupplierAssessed e) => new(FactKind.SupplierAssessment, e.AssessmentId, e.Version, e.CompletedAt,
        new SupplierAssessmentFact(e.SupplierId, e.Result, e.CountsAsValid, e.CompletedAt));
}

public sealed class SupplierCertificateFactConsumer(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed) : FactConsumer<SupplierCertificateChanged>(db, clock, feed)
{
    protected override FactVersion ToFact(SupplierCertificateChanged e) => e.Removed
        ? new(FactKind.SupplierCertificate, e.CertificateId, FactStore.DeletionVersion(e.Version), e.ChangedAt, null)
        : new(FactKind.SupplierCertificate, e.CertificateId, e.Version, e.ChangedAt,
            new SupplierCertificateFact(e.SupplierId, e.Kind, e.IsCertificate, e.ValidFrom, e.ValidUntil));
}

public sealed class SupplierSettingsFactConsumer(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed) : FactConsumer<SupplierSettingsChanged>(db, clock, feed)
{
    // One record per tenant, its id the tenant's (FactPayloads.SupplierSettingsFact).
    protected override FactVersion ToFact(SupplierSettingsChanged e) => new(FactKind.SupplierSettings, e.TenantId, e.Version, e.ChangedAt,
        new SupplierSettingsFact(new Dictionary<string, int>
        {
            ["Low"] = e.LowMonths, ["Medium"] = e.MediumMonths, ["High"] = e.HighMonths, ["Critical"] = e.CriticalMonths,
        }));
}

public sealed class SupplierAssessmentFactConsumer(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed) : FactConsumer<SupplierAssessmentChanged>(db, clock, feed)
{
    protected override FactVersion ToFact(SupplierAssessmentChanged e) => new(FactKind.Questionnaire, e.AssessmentId, e.Version, e.ChangedAt,
        new QuestionnaireFact(e.SupplierId, e.Title, e.Status, e.CreatedBy, e.SubmittedAt));
}
