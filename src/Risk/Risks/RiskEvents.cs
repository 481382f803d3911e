using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Risk.Settings;
using IsmsCloud.Risk.Treatment;

namespace IsmsCloud.Risk.Risks;

/// <summary>The integration events of the risk register, built from the records so every publisher fills them alike.</summary>
internal static class RiskEvents
{
    public static RiskAssessed Assessed(Risk risk, RiskDbContext db, bool isNew, RiskSettings settings) => new(
        db.CurrentTenantId, risk.Id, risk.Title, risk.Owner,
        risk.ResidualLikelihood, risk.ResidualImpact, risk.ResidualScore, risk.Residual.Band.ToString(),
        isNew, risk.UpdatedAt,
        risk.InherentLikelihood, risk.InherentImpact, risk.InherentScore,
        risk.Status.ToString(), risk.Decision?.ToString(), settings.IsAboveAppetite(risk.ResidualScore), risk.NextReviewOn,
        EventVersion.After(db, risk), risk.LastAssessedAt);

    public static RiskAcceptanceExpired AcceptanceExpired(Risk risk, Acceptance.RiskAcceptance acceptance, Guid tenantId) => new(
        tenantId, risk.Id, acceptance.Id, risk.Title, risk.Owner, risk.ResidualScore, acceptance.ExpiresOn, acceptance.EndedAt!.Value);

    public static RiskDeleted Deleted(Risk risk, RiskDbContext db, DateTimeOffset at) => new(db.CurrentTenantId, risk.Id, at, EventVersion.After(db, risk));

    public static TreatmentActionChanged ActionChanged(TreatmentAction action, Risk risk, RiskDbContext db, bool deleted, DateTimeOffset at) => new(
        db.CurrentTenantId, action.Id, action.RiskId, action.Title, action.Owner, action.DueOn, action.Status.ToString(), action.IsOpen && !deleted,
        risk.Residual.Band.ToString(), action.SourceIncidentId, deleted, at, EventVersion.After(db, action));
}
