using System.Collections.Concurrent;
using System.Linq.Expressions;
using IsmsCloud.Suppliers.Certificates;
using IsmsCloud.Suppliers.Register;

namespace IsmsCloud.Suppliers.Gaps;

public enum GapReason
{
    NoValidAssessment,
    UnassessedChange,
    ExpiredCertificate,
}

/// <summary>
/// Signal 5 of SIGNALS.md, the one home of its definition in supplier-api: each reason is one expression, which the
/// register's "with gaps" filter sends to the database and <see cref="ReasonsOf"/> runs on a loaded supplier (its
/// certificates included), so the list and the detail cannot disagree.
/// <list type="bullet">
/// <item>Only Active or Offboarding suppliers whose current criticality is High or Critical can have a gap.</item>
/// <item>NoValidAssessment: no completion Approved/ApprovedWithConditions, or the latest one plus the interval of the
/// current criticality falls before D. A material change does not count here (only under UnassessedChange).</item>
/// <item>UnassessedChange: a material change recorded after the latest completed assessment (of any result); with no
/// completed assessment at all, any recorded material change is unassessed.</item>
/// <item>ExpiredCertificate: for a certificate kind the supplier has held (not DPAs or contracts), none is valid on D
/// (valid from and until both inclusive).</item>
/// </list>
/// </summary>
public static class AssuranceGaps
{
    public static readonly Expression<Func<Supplier, bool>> Concerned = s =>
        (s.Status == SupplierStatus.Active || s.Status == SupplierStatus.Offboarding)
        && (s.Criticality == Criticality.High || s.Criticality == Criticality.Critical);

    public static Expression<Func<Supplier, bool>> NoValidAssessment(ReassessmentIntervals intervals, DateOnly day)
    {
        var high = intervals.HighMonths;
        var critical = intervals.CriticalMonths;
        return s => s.LastApprovedOn == null
            || (s.Criticality == Criticality.High && s.LastApprovedOn.Value.AddMonths(high) < day)
            || (s.Criticality == Criticality.Critical && s.LastApprovedOn.Value.AddMonths(critical) < day);
    }

    public static readonly Expression<Func<Supplier, bool>> UnassessedChange = s =>
        s.LastMaterialChangeAt != null && (s.LastCompletedAt == null || s.LastMaterialChangeAt > s.LastCompletedAt);

    public static Expression<Func<Supplier, bool>> ExpiredCertificate(DateOnly day) => s =>
        s.Certificates.Any(c => (c.Kind == CertificateKind.Iso27001 || c.Kind == CertificateKind.Soc2Type1 || c.Kind == CertificateKind.Soc2Type2)
            && !s.Certificates.Any(o => o.Kind == c.Kind && o.ValidFrom <= day && o.ValidUntil >= day));

    /// <summary>The suppliers with at least one reason on <paramref name="day"/>: the register's "with gaps" filter.</summary>
    public static Expression<Func<Supplier, bool>> WithGap(ReassessmentIntervals intervals, DateOnly day) =>
        And(Concerned, Or(Or(NoValidAssessment(intervals, day), UnassessedChange), ExpiredCertificate(day)));

    /// <summary>The reasons of one supplier, whose <see cref="Supplier.Certificates"/> must be loaded.</summary>
    public static IReadOnlyList<GapReason> ReasonsOf(Supplier supplier, ReassessmentIntervals intervals, DateOnly day)
    {
        if (!IsConcerned(supplier))
        {
            return [];
        }

        var (noValidAssessment, expiredCertificate) = CompiledFor(intervals, day);
        var reasons = new List<GapReason>();
        if (noValidAssessment(supplier))
        {
            reasons.Add(GapReason.NoValidAssessment);
        }

        if (HasUnassessedChange(supplier))
        {
            reasons.Add(GapReason.UnassessedChange);
        }

        if (expiredCertificate(supplier))
        {
            reasons.Add(GapReason.ExpiredCertificate);
        }

        return reasons;
    }

    // The same expressions, compiled once rather than on every call: compiling one costs far more than running it,
    // and a register page, an export or an import evaluates thousands of suppliers. The two that depend on the day
    // and the intervals are kept per (high, critical, day); the cache is emptied when it grows past a few days' worth.
    private static readonly Func<Supplier, bool> IsConcerned = Concerned.Compile();
    private static readonly Func<Supplier, bool> HasUnassessedChange = UnassessedChange.Compile();
    private static readonly ConcurrentDictionary<(int High, int Critical, DateOnly Day), (Func<Supplier, bool> NoValidAssessment, Func<Supplier, bool> ExpiredCertificate)> Compiled = new();

    private static (Func<Supplier, bool> NoValidAssessment, Func<Supplier, bool> ExpiredCertificate) CompiledFor(ReassessmentIntervals intervals, DateOnly day)
    {
        var key = (intervals.HighMonths, intervals.CriticalMonths, day);
        if (Compiled.TryGetValue(key, out var compiled))
        {
            return compiled;
        }

        if (Compiled.Count >= 1_000)
        {
            Compiled.Clear();
        }

        return Compiled.GetOrAdd(key, _ => (NoValidAssessment(intervals, day).Compile(), ExpiredCertificate(day).Compile()));
    }

    private static Expression<Func<T, bool>> And<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b) => Combine(a, b, Expression.AndAlso);

    private static Expression<Func<T, bool>> Or<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b) => Combine(a, b, Expression.OrElse);

    private static Expression<Func<T, bool>> Combine<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b, Func<Expression, Expression, BinaryExpression> join)
    {
        var parameter = a.Parameters[0];
        var right = new Rebind(b.Parameters[0], parameter).Visit(b.Body);
        return Expression.Lambda<Func<T, bool>>(join(a.Body, right), parameter);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
