using IsmsCloud.Risk.Acceptance;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Risk.Reviews;
using IsmsCloud.Risk.Settings;
using IsmsCloud.Risk.Treatment;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.Risks;

/// <summary>The register's queries: filters and sorts translate to SQL on indexed columns; a page is 50 rows, not the register.</summary>
internal static class RiskQueries
{
    public static IQueryable<Risk> Apply(RiskDbContext db, RiskFilter filter, int appetite, DateOnly today)
    {
        var query = db.Risks.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            // Case-insensitive on both providers; EF escapes the term's wildcards.
            var term = filter.Search.Trim().ToLowerInvariant();
            query = query.Where(r => r.Title.ToLower().Contains(term) || r.Owner.Contains(term)
                || (r.Description != null && r.Description.ToLower().Contains(term)));
        }

        if (filter.Band is { } band)
        {
            var (min, max) = RiskScore.RangeOf(band);
            query = query.Where(r => r.ResidualScore >= min && r.ResidualScore <= max);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(r => r.Status == status);
        }

        if (filter.Decision is { } decision)
        {
            query = query.Where(r => r.Decision == decision);
        }

        if (!string.IsNullOrWhiteSpace(filter.Owner))
        {
            var owner = filter.Owner.Trim().ToLowerInvariant();
            query = query.Where(r => r.Owner == owner);
        }

        if (filter.Overdue is { } overdue)
        {
            query = overdue
                ? query.Where(r => r.EarliestOpenDueOn < today)
                : query.Where(r => r.EarliestOpenDueOn == null || r.EarliestOpenDueOn >= today);
        }

        if (filter.ReviewDue is { } reviewDue)
        {
            query = reviewDue ? query.Where(r => r.NextReviewOn <= today) : query.Where(r => r.NextReviewOn > today);
        }

        if (filter.AboveAppetite is { } above)
        {
            query = above ? query.Where(r => r.ResidualScore > appetite) : query.Where(r => r.ResidualScore <= appetite);
        }

        if (filter.AssetId is { } assetId)
        {
            query = query.Where(r => r.AssetLinks.Any(l => l.AssetId == assetId));
        }

        if (filter.ControlId is { } controlId)
        {
            query = query.Where(r => db.ControlRisks.Any(l => l.RiskId == r.Id && l.ControlId == controlId));
        }

        return query;
    }

    public static IQueryable<Risk> Sort(IQueryable<Risk> query, RiskSort sort) => sort switch
    {
        RiskSort.Title => query.OrderBy(r => r.Title).ThenBy(r => r.Id),
        RiskSort.ResidualDescending => query.OrderByDescending(r => r.ResidualScore).ThenBy(r => r.Id),
        RiskSort.InherentDescending => query.OrderByDescending(r => r.InherentScore).ThenBy(r => r.Id),
        RiskSort.NextReview => query.OrderBy(r => r.NextReviewOn).ThenBy(r => r.Id),
        RiskSort.Owner => query.OrderBy(r => r.Owner).ThenBy(r => r.Id),
        _ => query.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id),
    };

    /// <summary>A row of the register as the list shows it (the overdue age from the risk's earliest open due date).</summary>
    public static RiskDto ToListDto(Risk r, RiskSettings settings, DateOnly today) =>
        ToDto(r, settings, today, OverdueAge.OfRisk(r.EarliestOpenDueOn, today));

    public static RiskDto ToDto(Risk r, RiskSettings settings, DateOnly today, int overdueDays) => new(
        r.Id, r.Title, r.Description, r.Owner, r.Threat, r.Vulnerability,
        r.InherentLikelihood, r.InherentImpact, r.InherentScore, r.Inherent.Band,
        r.ResidualLikelihood, r.ResidualImpact, r.ResidualScore, r.Residual.Band,
        r.Decision, r.Status, settings.IsAboveAppetite(r.ResidualScore), r.NextReviewOn, r.NextReviewOn <= today, overdueDays,
        r.Version, r.CreatedAt, r.UpdatedAt);

    public static async Task<RiskDetailDto?> DetailAsync(RiskDbContext db, Guid id, DateOnly today, CancellationToken cancellationToken)
    {
        var risk = await db.Risks.AsNoTracking().AsSplitQuery()
            .Include(r => r.Actions).Include(r => r.Acceptances)
            .FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (risk is null)
        {
            return null;
        }

        var settings = await RiskSettings.LoadAsync(db, cancellationToken);
        var assets = await db.RiskAssets.Where(l => l.RiskId == id)
            .Join(db.Assets, l => l.AssetId, a => a.Id, (l, a) => new LinkedRecord(a.Id, a.Name, a.Type.ToString()))
            .ToListAsync(cancellationToken);
        var controls = await db.ControlRisks.Where(l => l.RiskId == id)
            .Join(db.Controls, l => l.ControlId, c => c.Id, (l, c) => new { c.Id, c.Reference, c.Title, c.SortOrder })
            .OrderBy(c => c.SortOrder).ToListAsync(cancellationToken);
        var exceptions = await db.ControlExceptions.Where(e => e.RiskId == id)
            .Join(db.Controls, e => e.ControlId, c => c.Id, (e, c) => new { e.Id, c.Reference, e.Status, e.ExpiresOn })
            .ToListAsync(cancellationToken);
        var incidents = await db.IncidentRisks.Where(l => l.RiskId == id)
            .Join(db.Incidents, l => l.IncidentId, i => i.Id, (l, i) => new LinkedRecord(i.Id, i.Title, i.Severity.ToString() + " · " + i.Status.ToString()))
            .ToListAsync(cancellationToken);
        var reviews = await db.ReviewTasks.Where(r => r.SubjectId == id && r.ResolvedAt == null)
            .OrderBy(r => r.OpenedAt)
            .Select(r => new ReviewDto(r.Id, r.Reason, r.OpenedAt, r.ResolvedAt, r.ResolvedBy, r.Resolution))
            .ToListAsync(cancellationToken);

        return new RiskDetailDto(
            ToDto(risk, settings, today, OverdueAge.OfRisk(risk.Actions, today)),
            assets,
            controls.Select(c => new LinkedRecord(c.Id, $"{c.Reference} {c.Title}")).ToList(),
            exceptions.Select(e => new LinkedRecord(e.Id, $"Exception to {e.Reference}", e.ExpiresOn is { } x ? $"{e.Status} · expires {x:yyyy-MM-dd}" : e.Status.ToString())).ToList(),
            incidents,
            risk.Actions.OrderBy(a => a.DueOn).Select(a => TreatmentActionDto.From(a, today)).ToList(),
            risk.Acceptances.OrderByDescending(a => a.ApprovedAt).Select(AcceptanceDto.From).ToList(),
            reviews);
    }
}
