using System.Linq.Expressions;

namespace IsmsCloud.BuildingBlocks.Time;

/// <summary>
/// A rule about a record on a given day, stated once as an expression. Queries filter with <see cref="On"/> (EF turns it
/// into SQL); the record answers with <see cref="IsMetBy"/> (the same expression, compiled once). A list, a sweep and the
/// entity therefore cannot drift apart on what the rule says.
/// </summary>
public sealed class DatedRule<T>
{
    private readonly Expression<Func<T, DateOnly, bool>> _rule;
    private readonly Func<T, DateOnly, bool> _compiled;

    public DatedRule(Expression<Func<T, DateOnly, bool>> rule)
    {
        _rule = rule;
        _compiled = rule.Compile();
    }

    public bool IsMetBy(T record, DateOnly day) => _compiled(record, day);

    /// <summary>The rule as a filter for <paramref name="day"/>; with <paramref name="met"/> false, the records it does not hold for.</summary>
    public Expression<Func<T, bool>> On(DateOnly day, bool met = true)
    {
        // The day goes in as a captured value rather than a constant, so EF sends it as a parameter and reuses the plan.
        var dayValue = Expression.Property(Expression.Constant(new Captured(day)), nameof(Captured.Day));
        var body = new ParameterSubstitution(_rule.Parameters[1], dayValue).Visit(_rule.Body);
        return Expression.Lambda<Func<T, bool>>(met ? body : Expression.Not(body), _rule.Parameters[0]);
    }

    private sealed record Captured(DateOnly Day);

    private sealed class ParameterSubstitution(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : base.VisitParameter(node);
    }
}
