using System.Linq.Expressions;
using System.Reflection;

namespace IsmsCloud.Audits.Findings;

/// <summary>
/// Rule 8 and signal 3, in one place: a finding recurs when another finding — not an opportunity for improvement, not
/// withdrawn — in a different audit, on the same (normalised) reference, was raised in (f − 730, f). Opportunities for
/// improvement and withdrawn findings never recur. The rule is an expression so the lists compute it in SQL, and the
/// same expression (compiled) is what the unit tests check.
/// </summary>
public static class FindingRecurrence
{
    /// <summary>Whether <c>earlier</c> makes <c>later</c> recur.</summary>
    private static readonly Expression<Func<Finding, Finding, bool>> Occurrence = (later, earlier) =>
        earlier.Reference == later.Reference
        && earlier.AuditId != later.AuditId
        && earlier.Kind != FindingKind.OpportunityForImprovement
        && earlier.Status != FindingStatus.Withdrawn
        && earlier.RaisedOn < later.RaisedOn
        && earlier.RaisedOn > later.RecurrenceWindowStart;

    private static readonly Expression<Func<Finding, bool>> CanRecur = f =>
        f.Kind != FindingKind.OpportunityForImprovement && f.Status != FindingStatus.Withdrawn;

    private static readonly Func<Finding, bool> CanRecurNow = CanRecur.Compile();

    private static readonly MethodInfo AnyMethod = typeof(Queryable).GetMethods()
        .Single(m => m.Name == nameof(Queryable.Any) && m.GetParameters().Length == 2).MakeGenericMethod(typeof(Finding));

    /// <summary>The earlier findings that make <paramref name="later"/> recur (empty when it does not).</summary>
    public static IQueryable<Finding> EarlierOccurrences(IQueryable<Finding> all, Finding later)
    {
        if (!CanRecurNow(later))
        {
            return all.Where(_ => false);
        }

        var earlier = Occurrence.Parameters[1];
        var body = new Substitute(Occurrence.Parameters[0], Expression.Constant(later)).Visit(Occurrence.Body);
        return all.Where(Expression.Lambda<Func<Finding, bool>>(body, earlier));
    }

    /// <summary><c>f =&gt; f recurs among <paramref name="all"/></c>, for a Where or a projection.</summary>
    public static Expression<Func<Finding, bool>> Recurs(IQueryable<Finding> all)
    {
        var later = CanRecur.Parameters[0];
        var occurrence = Expression.Lambda<Func<Finding, bool>>(
            new Substitute(Occurrence.Parameters[0], later).Visit(Occurrence.Body), Occurrence.Parameters[1]);
        var any = Expression.Call(AnyMethod, all.Expression, Expression.Quote(occurrence));
        return Expression.Lambda<Func<Finding, bool>>(Expression.AndAlso(CanRecur.Body, any), later);
    }

    /// <summary>Each finding of <paramref name="query"/> with whether it recurs among <paramref name="all"/>, in one SQL statement.</summary>
    public static IQueryable<FlaggedFinding> WithRecurrence(this IQueryable<Finding> query, IQueryable<Finding> all)
    {
        var recurs = Recurs(all);
        var body = Expression.New(typeof(FlaggedFinding).GetConstructors()[0], recurs.Parameters[0], recurs.Body);
        return query.Select(Expression.Lambda<Func<Finding, FlaggedFinding>>(body, recurs.Parameters[0]));
    }

    private sealed class Substitute(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

/// <summary>A finding and whether it recurs.</summary>
public sealed record FlaggedFinding(Finding Finding, bool Recurring);
