using IsmsCloud.Risk.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.Treatment;

/// <summary>
/// Keeps <see cref="Risks.Risk.EarliestOpenDueOn"/> true: every change of a treatment action (added, rescheduled,
/// done, cancelled, removed) recomputes it from the risk's stored actions plus the ones changed in this save.
/// </summary>
internal static class TreatmentSchedule
{
    public static async Task RefreshAsync(RiskDbContext db, Risks.Risk risk, CancellationToken cancellationToken)
    {
        var changed = db.ChangeTracker.Entries<TreatmentAction>().Where(e => e.Entity.RiskId == risk.Id).ToList();
        var changedIds = changed.Select(e => e.Entity.Id).ToList();
        var stored = await db.TreatmentActions.AsNoTracking()
            .Where(a => a.RiskId == risk.Id && !changedIds.Contains(a.Id)
                && (a.Status == TreatmentActionStatus.Planned || a.Status == TreatmentActionStatus.InProgress))
            .MinAsync(a => (DateOnly?)a.DueOn, cancellationToken);
        var pending = changed.Where(e => e.State != EntityState.Deleted && e.Entity.IsOpen).Select(e => (DateOnly?)e.Entity.DueOn).Min();
        risk.EarliestOpenDueOn = (stored, pending) switch
        {
            (null, var p) => p,
            (var s, null) => s,
            var (s, p) => s < p ? s : p,
        };
    }
}
