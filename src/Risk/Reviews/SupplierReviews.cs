using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Risk.Assets;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Risk.Risks;
using IsmsCloud.Risk.Treatment;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.Reviews;

/// <summary>
/// Rule 13 for suppliers (supplier-api's <see cref="SupplierChanged"/>): a supplier that uses AI, or supplies one of the
/// tenant's AI systems, puts the risks it is linked to, and the SoA controls those risks rely on, up for review. The
/// review's cause is the supplier's id, so one supplier keeps at most one open review on a record.
/// <list type="bullet">
/// <item>The change gave the supplier AI use it did not have: every linked risk is reviewed again (unless its review is
/// still open).</item>
/// <item>Otherwise, for an AI supplier, only the risks never reviewed for this supplier: the ones just linked (or, on a
/// republish, ones linked before this rule ran). A risk whose review was resolved is not reopened by an unrelated edit.</item>
/// </list>
/// Links to risks this tenant does not have are ignored.
/// </summary>
public sealed class SupplierChangedConsumer(RiskDbContext db, TimeProvider clock) : InboxConsumer<SupplierChanged>(db, clock)
{
    public static string Reason(string supplierName) => $"AI supplier: {supplierName}";

    protected override async Task HandleAsync(SupplierChanged m, CancellationToken cancellationToken)
    {
        if (m.Deleted || m.RiskIds.Count == 0)
        {
            return;
        }

        var suppliesAiSystem = m.AssetIds.Count > 0 && await db.Assets.Where(a => m.AssetIds.Contains(a.Id)).AnyAsync(Asset.IsAiAsset, cancellationToken);
        if (!m.UsesAi && !suppliesAiSystem)
        {
            return;
        }

        var riskIds = await db.Risks.Where(r => m.RiskIds.Contains(r.Id)).Select(r => r.Id).ToListAsync(cancellationToken);
        if (!m.AiUseAdded)
        {
            var reviewed = await db.ReviewTasks.Where(t => t.CauseId == m.SupplierId && t.Subject == ReviewSubject.Risk && riskIds.Contains(t.SubjectId))
                .Select(t => t.SubjectId).Distinct().ToListAsync(cancellationToken);
            riskIds = riskIds.Except(reviewed).ToList();
        }

        if (riskIds.Count == 0)
        {
            return;
        }

        var reason = Reason(m.LegalName);
        var controlIds = await db.ControlRisks.Where(l => riskIds.Contains(l.RiskId)).Select(l => l.ControlId).Distinct().ToListAsync(cancellationToken);
        await ReviewTasks.OpenForCauseAsync(db, ReviewSubject.Risk, riskIds, m.SupplierId, reason, m.ChangedAt, cancellationToken);
        await ReviewTasks.OpenForCauseAsync(db, ReviewSubject.Control, controlIds, m.SupplierId, reason, m.ChangedAt, cancellationToken);
    }
}

/// <summary>
/// An assessment approved with conditions (<see cref="SupplierConditionsRaised"/>): each condition becomes a treatment
/// action on each linked risk, owned by the risk's owner and due <see cref="DueDays"/> days after the completion, so
/// the conditions are tracked, chased and reported like any other treatment (ADR 0020). Applied once per message (the
/// inbox); links to risks this tenant does not have are ignored.
/// </summary>
public sealed class SupplierConditionsRaisedConsumer(RiskDbContext db, TimeProvider clock) : InboxConsumer<SupplierConditionsRaised>(db, clock)
{
    public const int DueDays = 30;
    private const int MaxTitle = 300;

    public static string Title(string supplierName, string condition)
    {
        var title = $"Supplier condition ({supplierName}): {condition}";
        return title.Length <= MaxTitle ? title : title[..(MaxTitle - 1)] + "…";
    }

    protected override async Task HandleAsync(SupplierConditionsRaised m, CancellationToken cancellationToken)
    {
        if (m.RiskIds.Count == 0 || m.Conditions.Count == 0)
        {
            return;
        }

        var now = Clock.GetUtcNow();
        var dueOn = DateOnly.FromDateTime(m.CompletedAt.UtcDateTime).AddDays(DueDays);
        foreach (var risk in await db.Risks.Where(r => m.RiskIds.Contains(r.Id)).ToListAsync(cancellationToken))
        {
            var actions = m.Conditions.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct()
                .Select(c => new TreatmentAction
                {
                    RiskId = risk.Id, Title = Title(m.SupplierName, c), Owner = risk.Owner, DueOn = dueOn, CreatedAt = now, UpdatedAt = now,
                }).ToList();
            db.TreatmentActions.AddRange(actions);
            await TreatmentSchedule.RefreshAsync(db, risk, cancellationToken);
            foreach (var action in actions)
            {
                db.AddEvent(RiskEvents.ActionChanged(action, risk, db, deleted: false, now));
            }
        }
    }
}
