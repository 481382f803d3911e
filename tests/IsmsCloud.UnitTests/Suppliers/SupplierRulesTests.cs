using IsmsCloud.Suppliers.Assessments;
using IsmsCloud.Suppliers.Certificates;
using IsmsCloud.Suppliers.Gaps;
using IsmsCloud.Suppliers.Register;

namespace IsmsCloud.UnitTests.Suppliers;

/// <summary>The supplier rules of issue 10: reassessment by criticality, material changes, each gap reason, certificate expiry.</summary>
public sealed class SupplierRulesTests
{
    private static readonly DateOnly D = new(2027, 3, 15);
    private static readonly DateTimeOffset Registered = new(2026, 1, 10, 9, 0, 0, TimeSpan.Zero);

    private static Supplier NewSupplier(Criticality criticality = Criticality.High, SupplierStatus status = SupplierStatus.Active) => new()
    {
        LegalName = "Example Supplier", Owner = "owner@example.com", Criticality = criticality, Status = status, CreatedAt = Registered,
    };

    private static Supplier ApprovedOn(DateOnly day, Criticality criticality = Criticality.High, AssessmentResult result = AssessmentResult.Approved)
    {
        var supplier = NewSupplier(criticality);
        supplier.RecordCompletion(result, new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
        return supplier;
    }

    [Theory]
    [InlineData(Criticality.Low, 36)]
    [InlineData(Criticality.Medium, 24)]
    [InlineData(Criticality.High, 12)]
    [InlineData(Criticality.Critical, 6)]
    public void Reassessment_falls_due_the_interval_of_its_criticality_after_the_latest_approval(Criticality criticality, int months)
    {
        var approved = new DateOnly(2026, 8, 31);
        var supplier = ApprovedOn(approved, criticality);

        var schedule = Reassessment.Of(supplier, ReassessmentIntervals.Default, approved);

        Assert.Equal(approved.AddMonths(months), schedule.DueOn);
        Assert.Equal(ReassessmentState.Scheduled, schedule.State);
        var late = Reassessment.Of(supplier, ReassessmentIntervals.Default, approved.AddMonths(months).AddDays(9));
        Assert.Equal((ReassessmentState.Overdue, 9), (late.State, late.OverdueDays));
        Assert.Equal(ReassessmentState.Due, Reassessment.Of(supplier, ReassessmentIntervals.Default, approved.AddMonths(months)).State);
    }

    [Fact]
    public void The_tenants_own_intervals_replace_the_defaults()
    {
        var supplier = ApprovedOn(new DateOnly(2026, 1, 1), Criticality.Critical);
        var own = new ReassessmentIntervals(48, 30, 9, 3);

        Assert.Equal(new DateOnly(2026, 4, 1), Reassessment.Of(supplier, own, D).DueOn);
        Assert.Equal(3, own.MonthsFor(Criticality.Critical));
    }

    [Fact]
    public void A_supplier_never_approved_is_due_since_its_registration_and_a_rejection_does_not_make_it_valid()
    {
        var never = NewSupplier();
        var rejected = ApprovedOn(new DateOnly(2026, 6, 1), result: AssessmentResult.Rejected);

        var schedule = Reassessment.Of(never, ReassessmentIntervals.Default, D);
        Assert.Equal(DateOnly.FromDateTime(Registered.UtcDateTime), schedule.DueOn);
        Assert.Equal(D.DayNumber - schedule.DueOn.DayNumber, schedule.OverdueDays);
        Assert.Null(rejected.LastApprovedOn);
        Assert.NotNull(rejected.LastCompletedAt);
        Assert.Contains(GapReason.NoValidAssessment, AssuranceGaps.ReasonsOf(rejected, ReassessmentIntervals.Default, D));
    }

    [Fact]
    public void A_material_change_makes_reassessment_due_at_once_until_an_assessment_completes_after_it()
    {
        var supplier = ApprovedOn(D.AddMonths(-1));
        var changedAt = new DateTimeOffset(D.AddDays(-3).ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero);

        supplier.RecordMaterialChange([MaterialChangeKind.LocationChange], changedAt);

        var schedule = Reassessment.Of(supplier, ReassessmentIntervals.Default, D);
        Assert.Equal((D.AddDays(-3), ReassessmentState.Overdue, 3, true), (schedule.DueOn, schedule.State, schedule.OverdueDays, schedule.DueToMaterialChange));
        supplier.RecordCompletion(AssessmentResult.Approved, changedAt.AddDays(1));
        var after = Reassessment.Of(supplier, ReassessmentIntervals.Default, D);
        Assert.Equal((D.AddDays(-2).AddMonths(12), false), (after.DueOn, after.DueToMaterialChange));
    }

    [Fact]
    public void Material_changes_are_new_services_data_categories_AI_use_and_any_location_change_but_not_removals_or_retyping()
    {
        var before = new MaterialFacts(["Hosting"], ["Payroll"], ["EU"], UsesAi: false);

        Assert.Empty(MaterialChanges.Between(before, new MaterialFacts([" hosting "], ["payroll"], ["eu"], false)));
        Assert.Empty(MaterialChanges.Between(before, new MaterialFacts([], [], ["EU"], false)));
        Assert.Equal([MaterialChangeKind.NewService], MaterialChanges.Between(before, new MaterialFacts(["Hosting", "Backups"], ["Payroll"], ["EU"], false)));
        Assert.Equal([MaterialChangeKind.NewDataCategory], MaterialChanges.Between(before, new MaterialFacts(["Hosting"], ["Payroll", "Health data"], ["EU"], false)));
        Assert.Equal([MaterialChangeKind.LocationChange], MaterialChanges.Between(before, new MaterialFacts(["Hosting"], ["Payroll"], [], false)));
        Assert.Equal([MaterialChangeKind.NewAiUse], MaterialChanges.Between(before, new MaterialFacts(["Hosting"], ["Payroll"], ["EU"], true)));
        Assert.Empty(MaterialChanges.Between(before with { UsesAi = true }, new MaterialFacts(["Hosting"], ["Payroll"], ["EU"], false)));
    }

    [Fact]
    public void NoValidAssessment_holds_without_an_approval_and_once_the_interval_of_the_current_criticality_has_passed()
    {
        var approved = D.AddMonths(-7);
        Assert.Equal([GapReason.NoValidAssessment], AssuranceGaps.ReasonsOf(NewSupplier(Criticality.Critical), ReassessmentIntervals.Default, D));
        Assert.Equal([GapReason.NoValidAssessment], AssuranceGaps.ReasonsOf(ApprovedOn(approved, Criticality.Critical), ReassessmentIntervals.Default, D));
        // The same approval is still valid for a High supplier (12 months): criticality is read as it is now.
        Assert.Empty(AssuranceGaps.ReasonsOf(ApprovedOn(approved, Criticality.High), ReassessmentIntervals.Default, D));
        Assert.Empty(AssuranceGaps.ReasonsOf(ApprovedOn(D.AddMonths(-6), Criticality.Critical), ReassessmentIntervals.Default, D));
        Assert.Empty(AssuranceGaps.ReasonsOf(ApprovedOn(D.AddMonths(-6), Criticality.Critical, AssessmentResult.ApprovedWithConditions), ReassessmentIntervals.Default, D));
    }

    [Theory]
    [InlineData(Criticality.Low, SupplierStatus.Active)]
    [InlineData(Criticality.Medium, SupplierStatus.Active)]
    [InlineData(Criticality.Critical, SupplierStatus.Ended)]
    public void Only_active_or_offboarding_high_and_critical_suppliers_have_gaps(Criticality criticality, SupplierStatus status)
    {
        Assert.Empty(AssuranceGaps.ReasonsOf(NewSupplier(criticality, status), ReassessmentIntervals.Default, D));
        Assert.NotEmpty(AssuranceGaps.ReasonsOf(NewSupplier(Criticality.High, SupplierStatus.Offboarding), ReassessmentIntervals.Default, D));
    }

    [Fact]
    public void UnassessedChange_is_a_material_change_after_the_latest_completion_of_any_result_and_is_not_also_NoValidAssessment()
    {
        var supplier = ApprovedOn(D.AddMonths(-1));
        supplier.RecordMaterialChange([MaterialChangeKind.NewSubProcessor], new DateTimeOffset(D.AddDays(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

        Assert.Equal([GapReason.UnassessedChange], AssuranceGaps.ReasonsOf(supplier, ReassessmentIntervals.Default, D));
        supplier.RecordCompletion(AssessmentResult.Rejected, new DateTimeOffset(D.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        Assert.Empty(AssuranceGaps.ReasonsOf(supplier, ReassessmentIntervals.Default, D));

        var never = NewSupplier();
        never.RecordMaterialChange([MaterialChangeKind.NewService], Registered.AddDays(1));
        Assert.Equal([GapReason.NoValidAssessment, GapReason.UnassessedChange], AssuranceGaps.ReasonsOf(never, ReassessmentIntervals.Default, D));
    }

    [Fact]
    public void ExpiredCertificate_holds_for_a_kind_held_with_none_valid_on_the_day_and_never_for_agreements()
    {
        var supplier = ApprovedOn(D.AddMonths(-1));
        supplier.Certificates.Add(Certificate(CertificateKind.Dpa, D.AddYears(-2), D.AddDays(-1)));
        supplier.Certificates.Add(Certificate(CertificateKind.Contract, D.AddYears(-2), D.AddDays(-1)));
        Assert.Empty(AssuranceGaps.ReasonsOf(supplier, ReassessmentIntervals.Default, D));

        supplier.Certificates.Add(Certificate(CertificateKind.Soc2Type2, D.AddYears(-1), D.AddDays(-1)));
        Assert.Equal([GapReason.ExpiredCertificate], AssuranceGaps.ReasonsOf(supplier, ReassessmentIntervals.Default, D));
        // A renewal valid from tomorrow does not cover today; one valid from today does (both days inclusive).
        supplier.Certificates.Add(Certificate(CertificateKind.Soc2Type2, D.AddDays(1), D.AddYears(1)));
        Assert.Equal([GapReason.ExpiredCertificate], AssuranceGaps.ReasonsOf(supplier, ReassessmentIntervals.Default, D));
        supplier.Certificates.Add(Certificate(CertificateKind.Soc2Type2, D, D));
        Assert.Empty(AssuranceGaps.ReasonsOf(supplier, ReassessmentIntervals.Default, D));
        // Another kind the supplier held and let lapse is a gap of its own.
        supplier.Certificates.Add(Certificate(CertificateKind.Iso27001, D.AddYears(-3), D.AddDays(-30)));
        Assert.Equal([GapReason.ExpiredCertificate], AssuranceGaps.ReasonsOf(supplier, ReassessmentIntervals.Default, D));
    }

    [Fact]
    public void Certificate_expiry_is_computed_from_its_dates_both_inclusive()
    {
        var certificate = Certificate(CertificateKind.Iso27001, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));

        Assert.Equal(CertificateValidity.NotYetValid, certificate.ValidityOn(new DateOnly(2025, 12, 31)));
        Assert.Equal(CertificateValidity.Valid, certificate.ValidityOn(new DateOnly(2026, 1, 1)));
        Assert.Equal(CertificateValidity.Valid, certificate.ValidityOn(new DateOnly(2026, 12, 31)));
        Assert.Equal(CertificateValidity.Expired, certificate.ValidityOn(new DateOnly(2027, 1, 1)));
        Assert.Equal(0, certificate.DaysToExpiry(new DateOnly(2026, 12, 31)));
        Assert.Equal(-1, certificate.DaysToExpiry(new DateOnly(2027, 1, 1)));
        Assert.True(certificate.IsCertificate);
        Assert.False(Certificate(CertificateKind.Dpa, D, D).IsCertificate);
    }

    [Fact]
    public void A_completion_never_moves_the_assessment_dates_back()
    {
        var supplier = ApprovedOn(D);
        supplier.RecordCompletion(AssessmentResult.Approved, new DateTimeOffset(D.AddMonths(-3).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

        Assert.Equal(D, supplier.LastApprovedOn);
        Assert.Equal(D, DateOnly.FromDateTime(supplier.LastCompletedAt!.Value.UtcDateTime));
    }

    [Fact]
    public void A_completed_assessment_is_final()
    {
        var supplier = NewSupplier();
        var assessment = new SupplierAssessment { SupplierId = supplier.Id, Title = "Review", CreatedBy = "m@example.com" };
        assessment.Complete(supplier, AssessmentResult.Approved, null, [], "m@example.com", Registered.AddDays(1));

        Assert.Throws<AssessmentStateException>(() => assessment.Complete(supplier, AssessmentResult.Rejected, null, [], "m@example.com", Registered.AddDays(2)));
        Assert.Throws<AssessmentStateException>(assessment.Cancel);
        Assert.Equal(AssessmentResult.Approved, assessment.Result);
    }

    private static SupplierCertificate Certificate(CertificateKind kind, DateOnly from, DateOnly until) =>
        new() { Kind = kind, Issuer = "Issuer", ValidFrom = from, ValidUntil = until };
}
