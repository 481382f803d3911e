using IsmsCloud.Audits.Programme;
using AuditRecord = IsmsCloud.Audits.Programme.Audit;
using IsmsCloud.Contracts.Events;

namespace IsmsCloud.UnitTests.AuditProgramme;

public sealed class AuditRulesTests
{
    private static readonly DateOnly Today = new(2027, 3, 15);
    private static readonly DateTimeOffset Now = new(2027, 3, 15, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Internal_audits_need_a_member_and_external_ones_a_body()
    {
        Assert.Contains(AuditRecord.CheckAuditor(AuditKind.Internal, null, null), e => e.Field == "auditor");
        Assert.Contains(AuditRecord.CheckAuditor(AuditKind.Internal, "a@example.com", "BSI"), e => e.Field == "externalBody");
        Assert.Empty(AuditRecord.CheckAuditor(AuditKind.Internal, "a@example.com", null));
        Assert.Contains(AuditRecord.CheckAuditor(AuditKind.Surveillance, "a@example.com", null), e => e.Field == "externalBody");
        Assert.Empty(AuditRecord.CheckAuditor(AuditKind.Certification, null, "BSI"));
    }

    [Fact]
    public void An_audit_starts_then_completes_never_in_the_future_nor_before_its_start()
    {
        var audit = new AuditRecord { Title = "IA 2027", Scope = "All", Criteria = "4-10", Kind = AuditKind.Internal, Year = 2027 };
        Assert.NotNull(audit.Complete(Today, Today, Now));
        Assert.NotNull(audit.Start(Today.AddDays(1), Today, Now));
        Assert.Null(audit.Start(Today.AddDays(-5), Today, Now));
        Assert.False(audit.Status == AuditStatus.Planned);
        Assert.NotNull(audit.Complete(Today.AddDays(-6), Today, Now));
        Assert.NotNull(audit.Complete(Today.AddDays(1), Today, Now));
        Assert.Null(audit.Complete(Today, Today, Now));
        Assert.Equal(AuditStatus.Completed, audit.Status);
        Assert.Equal(Today.AddDays(-5), audit.StartedOn);
        Assert.NotNull(audit.Cancel(Now));
    }
}
