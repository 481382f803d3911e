namespace IsmsCloud.Suppliers.Register;

/// <summary>Months between assessments for each criticality (rule 11; tenant-configurable).</summary>
public sealed record ReassessmentIntervals(int LowMonths, int MediumMonths, int HighMonths, int CriticalMonths)
{
    public static ReassessmentIntervals Default { get; } = new(36, 24, 12, 6);

    public int MonthsFor(Criticality criticality) => criticality switch
    {
        Criticality.Low => LowMonths,
        Criticality.Medium => MediumMonths,
        Criticality.High => HighMonths,
        Criticality.Critical => CriticalMonths,
        _ => throw new ArgumentOutOfRangeException(nameof(criticality)),
    };
}

public enum ReassessmentState
{
    /// <summary>The next reassessment is in the future.</summary>
    Scheduled,
    /// <summary>Due today (a material change recorded today, or the interval ends today).</summary>
    Due,
    Overdue,
}

/// <summary>When a supplier is next to be assessed, and how late it is.</summary>
public sealed record ReassessmentSchedule(DateOnly DueOn, ReassessmentState State, int OverdueDays, bool DueToMaterialChange);

/// <summary>
/// Rule 11's schedule: the latest valid completion (Approved or ApprovedWithConditions) plus the interval of the
/// supplier's current criticality. A material change recorded after the latest completion makes it due on the day of
/// the change; a supplier never validly assessed is due since its registration. Overdue age is whole days after the
/// due date.
/// </summary>
public static class Reassessment
{
    public static ReassessmentSchedule Of(Supplier supplier, ReassessmentIntervals intervals, DateOnly today)
    {
        var due = supplier.LastApprovedOn?.AddMonths(intervals.MonthsFor(supplier.Criticality))
            ?? DateOnly.FromDateTime(supplier.CreatedAt.UtcDateTime);
        var byChange = false;
        if (supplier.LastMaterialChangeAt is { } changed && (supplier.LastCompletedAt is null || changed > supplier.LastCompletedAt))
        {
            var changedOn = DateOnly.FromDateTime(changed.UtcDateTime);
            if (changedOn < due)
            {
                due = changedOn;
                byChange = true;
            }
        }

        var state = due > today ? ReassessmentState.Scheduled : due == today ? ReassessmentState.Due : ReassessmentState.Overdue;
        return new ReassessmentSchedule(due, state, state == ReassessmentState.Overdue ? today.DayNumber - due.DayNumber : 0, byChange);
    }
}
