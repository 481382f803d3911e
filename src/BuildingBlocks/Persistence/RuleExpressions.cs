using System.Linq.Expressions;

namespace IsmsCloud.BuildingBlocks.Persistence;

/// <summary>Helpers for rules written once as expressions, so an entity and a query filter share one definition.</summary>
public static class RuleExpressions
{
    /// <summary>The records the rule does not hold for, still translatable to SQL.</summary>
    public static Expression<Func<T, bool>> Negate<T>(this Expression<Func<T, bool>> rule) =>
        Expression.Lambda<Func<T, bool>>(Expression.Not(rule.Body), rule.Parameters);
}
