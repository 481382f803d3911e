using IsmsCloud.Risk.Assets;
using IsmsCloud.Risk.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.Reviews;

/// <summary>
/// Rule 13: an AI system puts the risks it concerns, and the SoA controls those risks rely on, up for review — in the
/// same registers, not in separate paperwork. The review reads the same whether the asset became an AI system or an AI
/// system was linked to a risk, and it is found by the asset's id, so one AI asset keeps at most one open review on a
/// risk or control, renamed or not.
/// </summary>
internal static class AiReviews
{
    public static string Reason(Asset asset) => $"AI system: {asset.Name}";

    /// <summary>The asset has just become an AI system: every risk already linked to it is reviewed.</summary>
    public static async Task OpenForLinkedRisksAsync(RiskDbContext db, Asset asset, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var riskIds = await db.RiskAssets.Where(l => l.AssetId == asset.Id).Select(l => l.RiskId).ToListAsync(cancellationToken);
        await OpenAsync(db, asset, riskIds, at, cancellationToken);
    }

    /// <summary>Opens the reviews of <paramref name="riskIds"/> and their controls, unless the same review is already open.</summary>
    public static async Task OpenAsync(RiskDbContext db, Asset asset, IReadOnlyCollection<Guid> riskIds, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!asset.IsAi || riskIds.Count == 0)
        {
            return;
        }

        var reason = Reason(asset);
        var controlIds = await db.ControlRisks.Where(l => riskIds.Contains(l.RiskId)).Select(l => l.ControlId).Distinct().ToListAsync(cancellationToken);
        await ReviewTasks.OpenForCauseAsync(db, ReviewSubject.Risk, riskIds, asset.Id, reason, at, cancellationToken);
        await ReviewTasks.OpenForCauseAsync(db, ReviewSubject.Control, controlIds, asset.Id, reason, at, cancellationToken);
    }
}
