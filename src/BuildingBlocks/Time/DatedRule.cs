using System.Linq.Expressions;

namespace IsmsCloud.BuildingBlocks.Time;

/// <summary>
/// A rule about a record at a given time (a day, an instant), stated once as an expression. Queries filter with
/// <see cref="On"/> (EF turns it into SQL); the record answers with <see cref="IsMetBy"/> (the same expression, compiled
/// once). A list, a sweep and the entity therefore cannot drift apart on what the rule says.
/// </summary>
public class TimedRule<T, TWhen>
{
    private readonly Expression<Func<T, TWhen, bool>> _rule;
    private readonly Func<T, TWhen, bool> _compiled;

    public TimedRule(Expression<Func<T, TWhen, bool>> rule)
    {
        _rule = rule;
        _compiled = rule.Compile();
    }

    public bool IsMetBy(T record, TWhen when) => _compiled(record, when);

    /// <summary>The rule as a filter for <paramref name="when"/>; with <paramref name="met"/> false, the records it does not hold for.</summary>
    public Expression<Func<T, bool>> On(TWhen when, bool met = true)
    {
        // The time goes in as a captured value rather than a constant, so EF sends it as a parameter and reuses the plan.
        var value = Expression.Property(Expression.Constant(new Captured(when)), nameof(Captured.When));
        var body = new ParameterSubstitution(_rule.Parameters[1], value).Visit(_rule.Body);
        return Expression.Lambda<Func<T, bool>>(met ? body : Expression.Not(body), _rule.Parameters[0]);
    }

    private sealed record Captured(TWhen When);

    private sealed class ParameterSubstitution(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : base.VisitParameter(node);
    }
}

/// <summary>A rule about a record on a given day (expiry, permanence, coverage).</summary>
public sealed class DatedRule<T>(Expression<Func<T, DateOnly, bool>> rule) : TimedRule<T, DateOnly>(rule);
