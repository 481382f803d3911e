using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Reporting.Infrastructure;
using IsmsCloud.Reporting.Signals;

namespace IsmsCloud.Reporting.Facts;

/// <summary>What one event says about one record: a version of its state, or its deletion (a null state).</summary>
public sealed record FactVersion(FactKind Kind, Guid RecordId, long Version, DateTimeOffset EffectiveAt, object? State);

/// <summary>
/// The base of every consumer that keeps facts: turns the event into a fact version and stores it if newer, once per
/// message (the inbox). Afterwards the tenant's figures are marked as changed.
/// </summary>
public abstract class FactConsumer<TEvent>(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed) : InboxConsumer<TEvent>(db, clock)
    where TEvent : class, ITenantEvent
{
    private Fact? _added;

    protected abstract FactVersion ToFact(TEvent message);

    protected override async Task HandleAsync(TEvent message, CancellationToken cancellationToken)
    {
        var fact = ToFact(message);
        _added = await FactStore.AddIfNewerAsync(db, fact.Kind, fact.RecordId, fact.Version, fact.EffectiveAt, fact.State, Clock.GetUtcNow(), cancellationToken);
    }

    protected override void AfterSave(TEvent message) => feed.Changed(message.TenantId, _added);
}

public sealed class RiskAssessedFactConsumer(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed) : FactConsumer<RiskAssessed>(db, clock, feed)
{
    // Events published before LastAssessedAt existed: the change's time is the best there is.
    protected override FactVersion ToFact(RiskAssessed e) => new(FactKind.Risk, e.RiskId, e.Version, e.AssessedAt,
        new RiskFact(e.Title, e.Owner, e.Band, e.Decision, e.LastAssessedAt ?? e.AssessedAt));
}

public sealed class RiskDeletedFactConsumer(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed) : FactConsumer<RiskDeleted>(db, clock, feed)
{
    protected override FactVersion ToFact(RiskDeleted e) => new(FactKind.Risk, e.RiskId, FactStore.DeletionVersion(e.Version), e.DeletedAt, null);
}

public sealed class TreatmentActionFactConsumer(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed) : FactConsumer<TreatmentActionChanged>(db, clock, feed)
{
    protected override FactVersion ToFact(TreatmentActionChanged e) => e.Deleted
        ? new(FactKind.TreatmentAction, e.ActionId, FactStore.DeletionVersion(e.Version), e.ChangedAt, null)
        : new(FactKind.TreatmentAction, e.ActionId, e.Version, e.ChangedAt,
            new TreatmentActionFact(e.RiskId, e.Title, e.Owner, e.DueOn, e.Status, e.SourceIncidentId));
}

public sealed class ReviewTaskFactConsumer(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed) : FactConsumer<ReviewTaskChanged>(db, clock, feed)
{
    protected override FactVersion ToFact(ReviewTaskChanged e) => new(FactKind.ReviewTask, e.TaskId, e.Version, e.ChangedAt,
        new ReviewTaskFact(e.Subject, e.SubjectId, e.Reason, e.OpenedAt, e.ResolvedAt is null));
}

public sealed class ControlFactConsumer(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed) : FactConsumer<ControlChanged>(db, clock, feed)
{
    protected override FactVersion ToFact(ControlChanged e) => new(FactKind.Control, e.ControlId, e.Version, e.ChangedAt,
        new ControlFact(e.Reference, e.Title, e.Applicable, e.ImplementationStatus, e.Owner, e.EvidenceCadenceDays));
}

public sealed class EvidenceRecordedFactConsumer(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed) : FactConsumer<EvidenceRecorded>(db, clock, feed)
{
    protected override FactVersion ToFact(EvidenceRecorded e) => new(FactKind.Evidence, e.EvidenceId, e.Version, e.CollectedAt,
        new EvidenceFact(e.ControlId, e.ControlReference, e.CoversFrom, e.CoversTo, e.CollectedAt));
}

public sealed class EvidenceDeletedFactConsumer(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed) : FactConsumer<EvidenceDeleted>(db, clock, feed)
{
    protected override FactVersion ToFact(EvidenceDeleted e) => new(FactKind.Evidence, e.EvidenceId, e.Version, e.DeletedAt, null);
}

public abstract class ControlExceptionFactConsumer<TEvent>(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed, ExceptionState state)
    : FactConsumer<TEvent>(db, clock, feed) where TEvent : class, IControlExceptionEvent
{
    protected override FactVersion ToFact(TEvent e) => new(FactKind.ControlException, e.ExceptionId, e.Version, e.At,
        new ControlExceptionFact(e.ControlId, e.ControlReference, e.RiskId, e.FirstGrantedAt, e.ExpiresOn, e.RenewalCount, state, e.At));
}

public sealed class ExceptionGrantedFactConsumer(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed)
    : ControlExceptionFactConsumer<ExceptionGranted>(db, clock, feed, ExceptionState.Granted);

public sealed class ExceptionRenewedFactConsumer(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed)
    : ControlExceptionFactConsumer<ExceptionRenewed>(db, clock, feed, ExceptionState.Granted);

public sealed class ExceptionExpiredFactConsumer(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed)
    : ControlExceptionFactConsumer<ExceptionExpired>(db, clock, feed, ExceptionState.Expired);

public sealed class ExceptionClosedFactConsumer(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed)
    : ControlExceptionFactConsumer<ExceptionClosed>(db, clock, feed, ExceptionState.Closed);

public sealed class IncidentClosedFactConsumer(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed) : FactConsumer<IncidentClosed>(db, clock, feed)
{
    protected override FactVersion ToFact(IncidentClosed e) => new(FactKind.Incident, e.IncidentId, e.Version, e.ClosedAt,
        new IncidentFact(e.Title, e.FailedControlIds, e.HelpedControlIds, e.OccurredAt, e.ClosedAt));
}

public sealed class CertificateFactConsumer(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed) : FactConsumer<CertificateChanged>(db, clock, feed)
{
    protected override FactVersion ToFact(CertificateChanged e) => e.Change == CertificateChange.Removed
        ? new(FactKind.Certificate, e.CertificateId, FactStore.DeletionVersion(e.Version), e.ChangedAt, null)
        : new(FactKind.Certificate, e.CertificateId, e.Version, e.ChangedAt, new CertificateFact(e.Standard, e.Status, e.IssuedOn, e.ExpiresOn));
}

public abstract class MemberFactConsumer<TEvent>(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed) : FactConsumer<TEvent>(db, clock, feed)
    where TEvent : class, IMemberEvent
{
    protected override FactVersion ToFact(TEvent e) => new(FactKind.Member, e.UserId, e.Revision, e.ChangedAt,
        new MemberFact(e.Email.ToLowerInvariant(), e.Status, e.AccessEndsAt));
}

public sealed class MemberAddedFactConsumer(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed) : MemberFactConsumer<MemberAdded>(db, clock, feed);

public sealed class MemberRoleChangedFactConsumer(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed) : MemberFactConsumer<MemberRoleChanged>(db, clock, feed);

public sealed class MemberSuspendedFactConsumer(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed) : MemberFactConsumer<MemberSuspended>(db, clock, feed);

public sealed class MemberReactivatedFactConsumer(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed) : MemberFactConsumer<MemberReactivated>(db, clock, feed);

public sealed class MemberRemovedFactConsumer(ReportingDbContext db, TimeProvider clock, SignalsChangeFeed feed) : MemberFactConsumer<MemberRemoved>(db, clock, feed);
