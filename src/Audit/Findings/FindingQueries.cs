using IsmsCloud.Audits.Actions;
using IsmsCloud.Audits.Infrastructure;
using IsmsCloud.BuildingBlocks.Http;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Audits.Findings;

/// <summary>Filters for the findings list; all of them translate to SQL.</summary>
public sealed record FindingFilter(Guid? AuditId, FindingKind? Kind, FindingStatus? Status, string? Reference, bool? Recurring, string? Search);

internal static class FindingQueries
{
    public static IQueryable<Finding> Apply(AuditDbContext db, FindingFilter filter)
    {
        var query = db.Findings.AsNoTracking();
        if (filter.AuditId is { } auditId)
        {
            query = query.Where(f => f.AuditId == auditId);
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(f => f.Kind == kind);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(f => f.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(filter.Reference))
        {
            var reference = Soa.ReferenceCatalogue.Normalize(filter.Reference);
            query = query.Where(f => f.Reference == reference);
        }

        if (filter.Recurring is { } recurring)
        {
            var recurs = FindingRecurrence.Recurs(db.Findings);
            query = recurring ? query.Where(recurs) : query.Where(System.Linq.Expressions.Expression.Lambda<Func<Finding, bool>>(
                System.Linq.Expressions.Expression.Not(recurs.Body), recurs.Parameters));
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim().ToLowerInvariant();
            query = query.Where(f => f.Description.ToLower().Contains(term) || f.Reference.ToLower().Contains(term)
                || (f.EvidenceSeen != null && f.EvidenceSeen.ToLower().Contains(term)));
        }

        return query;
    }

    public static IQueryable<Finding> Sort(IQueryable<Finding> query, FindingSort sort) => sort switch
    {
        FindingSort.Oldest => query.OrderBy(f => f.RaisedOn).ThenBy(f => f.Id),
        FindingSort.Reference => query.OrderBy(f => f.Reference).ThenByDescending(f => f.RaisedOn).ThenBy(f => f.Id),
        FindingSort.Kind => query.OrderBy(f => f.Kind).ThenByDescending(f => f.RaisedOn).ThenBy(f => f.Id),
        _ => query.OrderByDescending(f => f.RaisedOn).ThenByDescending(f => f.Id),
    };

    private sealed record Row(Finding Finding, string AuditTitle, int OpenActions);

    /// <summary>
    /// One page as the list shows it: the rows in one statement, then the recurrence of just those rows in a second
    /// (the rule's expression, <see cref="FindingRecurrence.Recurs"/>, applied to the page's ids).
    /// </summary>
    public static async Task<PagedResult<FindingDto>> PageAsync(AuditDbContext db, IQueryable<Finding> ordered, PageRequest paging, CancellationToken cancellationToken)
    {
        var page = await ordered.ToPageAsync(paging, q => q
            .Join(db.Audits, f => f.AuditId, a => a.Id, (f, a) => new Row(f, a.Title,
                db.CorrectiveActions.Count(c => c.FindingId == f.Id && c.Status != CorrectiveActionStatus.Closed))), cancellationToken);
        var recurring = await RecurringAsync(db, page.Items.Select(r => r.Finding.Id).ToList(), cancellationToken);
        return page.Select(r => ToDto(r.Finding, r.AuditTitle, recurring.Contains(r.Finding.Id), r.OpenActions));
    }

    /// <summary>Which of <paramref name="ids"/> recur.</summary>
    public static async Task<HashSet<Guid>> RecurringAsync(AuditDbContext db, List<Guid> ids, CancellationToken cancellationToken) =>
        ids.Count == 0 ? [] : (await db.Findings.AsNoTracking().Where(f => ids.Contains(f.Id)).Where(FindingRecurrence.Recurs(db.Findings))
            .Select(f => f.Id).ToListAsync(cancellationToken)).ToHashSet();

    public static FindingDto ToDto(Finding f, string auditTitle, bool recurring, int openActions) => new(
        f.Id, f.AuditId, auditTitle, f.Kind, f.Reference, f.ControlId, f.Description, f.EvidenceSeen, f.RootCauseCategory, f.RootCauseAnalysis,
        f.Status, f.WithdrawalReason, f.RaisedOn, f.RaisedBy, f.ClosedOn, recurring, Finding.NeedsEscalation(f.Kind, recurring), openActions,
        f.Version, f.UpdatedAt);
}
