using System.Security.Claims;
using IsmsCloud.BuildingBlocks.Demo;
using IsmsCloud.BuildingBlocks.Members;
using IsmsCloud.Contracts;
using IsmsCloud.Suppliers.Assessments;
using IsmsCloud.Suppliers.Certificates;
using IsmsCloud.Suppliers.Infrastructure;
using IsmsCloud.Suppliers.Register;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using static IsmsCloud.BuildingBlocks.Demo.DemoStep;

namespace IsmsCloud.Suppliers.Demo;

/// <summary>
/// supplier-api's part of the demo stories (Development only): the supplier register with its assessments and
/// certificates, told through the service's own endpoint handlers on a <see cref="ScriptedClock"/>.
/// Acme Cloud (<see cref="DemoScenario.Drifting"/>) relies on a critical storage supplier whose SOC 2 report ran out
/// and whose assessment is older than its interval, took on a new sub-processor nobody assessed, and let a supplier
/// start using AI without a second look: four suppliers with assurance gaps (signal 5). Calm Systems
/// (<see cref="DemoScenario.Healthy"/>) keeps every important supplier assessed and certified.
/// </summary>
public sealed class SupplierDemoStory(SupplierDbContext db) : IDemoStory
{
    private static readonly string[] People = ["manager", "owner"];

    private ScriptedClock _clock = null!;
    private DemoTimeline _timeline = null!;
    private string _slug = null!;
    private HttpContext _manager = null!;
    private MemberDirectory _members = null!;

    public async Task<string?> WaitsForAsync(CancellationToken cancellationToken)
    {
        return await DemoTenants.MembersKnownAsync(db, People, cancellationToken) ? null : "the tenant's members";
    }

    public Task<bool> IsToldAsync(CancellationToken cancellationToken) => db.Suppliers.AnyAsync(cancellationToken);

    public async Task TellAsync(DemoScenario scenario, DemoTimeline timeline, CancellationToken cancellationToken)
    {
        _timeline = timeline;
        _clock = timeline.StartClock();
        _members = DemoStep.Members(db);
        _slug = DemoTenants.SlugOf(scenario);
        var email = DemoTenants.Member(_slug, "manager");
        var name = await db.KnownMembers.Where(m => m.Email == email).Select(m => m.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? email;
        // The supplier handlers read who acts from the request's user, as they do behind the gateway.
        _manager = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(IsmsClaims.Email, email), new Claim(IsmsClaims.Name, name)], "demo-story")),
        };
        if (scenario == DemoScenario.Drifting)
        {
            await TellDriftingAsync(cancellationToken);
        }
        else
        {
            await TellHealthyAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Acme Cloud. Gaps today: Nimbus Object Storage (Critical: its SOC 2 Type 2 ran out 120 days ago and its assessment,
    /// 400 days old, is past the 6-month interval), Relay Mail (a High sub-processor added 30 days ago, never assessed),
    /// HelpDeskly (assessed, then Relay Mail became its sub-processor) and Parley (assessed, then it started using a
    /// language model on Acme's tickets). Stratus Cloud and the payroll provider are in order.
    /// </summary>
    private async Task TellDriftingAsync(CancellationToken cancellationToken)
    {
        var stratus = await SupplierAsync("Stratus Cloud Hosting", Criticality.Critical, "owner", 530,
            ["Infrastructure hosting (eu-west)"], ["Customer files", "Customer account data"], DataClassification.Restricted, ["EU (Ireland)"], cancellationToken);
        await CertificateAsync(stratus, CertificateKind.Iso27001, "Certa Assurance Ltd", 400, -695, cancellationToken);
        await CertificateAsync(stratus, CertificateKind.Dpa, "Stratus Cloud Hosting", 530, -1000, cancellationToken);
        await AssessAsync(stratus, "Annual assurance review", 520, cancellationToken);
        await AssessAsync(stratus, "Reassessment after the ISO 27001 renewal", 90, cancellationToken);

        var nimbus = await SupplierAsync("Nimbus Object Storage", Criticality.Critical, "owner", 525,
            ["Backup storage"], ["Customer file backups"], DataClassification.Restricted, ["EU (Frankfurt)"], cancellationToken);
        await CertificateAsync(nimbus, CertificateKind.Soc2Type2, "Harbor & Lane CPAs", 485, 120, cancellationToken);
        await AssessAsync(nimbus, "Onboarding assessment", 400, cancellationToken);

        var payroll = await SupplierAsync("PayFlow Payroll", Criticality.Medium, "manager", 510,
            ["Payroll"], ["Employee records", "Bank details"], DataClassification.Confidential, ["EU (Netherlands)"], cancellationToken);
        await CertificateAsync(payroll, CertificateKind.Iso27001, "Certa Assurance Ltd", 300, -795, cancellationToken);
        await AssessAsync(payroll, "Onboarding assessment", 500, cancellationToken);

        var helpdesk = await SupplierAsync("HelpDeskly", Criticality.High, "manager", 480,
            ["Customer support desk"], ["Support tickets", "Customer contact details"], DataClassification.Confidential, ["EU (Ireland)"], cancellationToken);
        await CertificateAsync(helpdesk, CertificateKind.Iso27001, "Northbridge Certification", 450, -280, cancellationToken);
        await AssessAsync(helpdesk, "Annual assurance review", 250, cancellationToken);
        // Relay Mail becomes HelpDeskly's sub-processor: a material change of HelpDeskly, and a High supplier of its own.
        await SupplierAsync("Relay Mail", Criticality.High, "manager", 30,
            ["Outbound e-mail for support replies"], ["Customer contact details", "Support tickets"], DataClassification.Confidential, ["US"],
            cancellationToken, parent: helpdesk);

        var parley = await SupplierAsync("Parley Chat", Criticality.High, "manager", 300,
            ["Chat widget on the customer portal"], ["Support tickets", "Customer contact details"], DataClassification.Confidential, ["EU (Ireland)"],
            cancellationToken);
        await AssessAsync(parley, "Onboarding assessment", 200, cancellationToken);
        // Parley starts answering with a language model trained on nobody knows what: new AI use, not reassessed.
        await ChangeAsync(parley, 40, r => r with
        {
            Services = ["Chat widget on the customer portal", "AI suggested replies"],
            AiModelProvider = "OpenAI (through Parley)",
            AiDataUsed = "The text of customers' chat messages and support tickets.",
        }, cancellationToken);
    }

    /// <summary>Calm Systems: its hosting, e-mail and payroll suppliers assessed within their intervals and certified today.</summary>
    private async Task TellHealthyAsync(CancellationToken cancellationToken)
    {
        var stratus = await SupplierAsync("Stratus Cloud Hosting", Criticality.Critical, "owner", 530,
            ["Infrastructure hosting (eu-west)"], ["Customer calendars", "Customer account data"], DataClassification.Confidential, ["EU (Ireland)"], cancellationToken);
        await CertificateAsync(stratus, CertificateKind.Iso27001, "Certa Assurance Ltd", 400, -695, cancellationToken);
        await CertificateAsync(stratus, CertificateKind.Soc2Type2, "Harbor & Lane CPAs", 200, -165, cancellationToken);
        await AssessAsync(stratus, "Onboarding assessment", 520, cancellationToken);
        await AssessAsync(stratus, "Six-monthly review", 340, cancellationToken);
        await AssessAsync(stratus, "Six-monthly review", 160, cancellationToken);

        var postbox = await SupplierAsync("Postbox Mail", Criticality.High, "owner", 500,
            ["Transactional e-mail"], ["Customer contact details"], DataClassification.Internal, ["EU (Germany)"], cancellationToken);
        await CertificateAsync(postbox, CertificateKind.Iso27001, "Northbridge Certification", 300, -430, cancellationToken);
        await AssessAsync(postbox, "Onboarding assessment", 495, cancellationToken);
        await AssessAsync(postbox, "Annual assurance review", 130, cancellationToken);

        var payroll = await SupplierAsync("PayFlow Payroll", Criticality.Medium, "manager", 510,
            ["Payroll"], ["Employee records", "Bank details"], DataClassification.Confidential, ["EU (Netherlands)"], cancellationToken);
        await AssessAsync(payroll, "Onboarding assessment", 505, cancellationToken);
    }

    // ---------------------------------------------------------------- steps

    private ScriptedClock On(int daysAgo, int hour = 10) => _clock.At(_timeline.Day(daysAgo), hour);

    private async Task<Guid> SupplierAsync(string name, Criticality criticality, string owner, int daysAgo, List<string> services, List<string> data,
        DataClassification classification, List<string> locations, CancellationToken cancellationToken, Guid? parent = null)
    {
        var request = new SaveSupplierRequest(name, DemoTenants.Member(_slug, owner), criticality, SupplierStatus.Active, services, data, classification, locations,
            ParentSupplierId: parent, ContractStartOn: _timeline.Day(daysAgo), NoticePeriodDays: 90);
        return Value<SupplierDto>(await SuppliersApi.Create(request, db, _members, _manager, On(daysAgo), cancellationToken)).Id;
    }

    /// <summary>Edits the supplier as it is recorded (the register's own save: a material change is detected there).</summary>
    private async Task ChangeAsync(Guid id, int daysAgo, Func<SaveSupplierRequest, SaveSupplierRequest> change, CancellationToken cancellationToken)
    {
        var s = await db.Suppliers.AsNoTracking().FirstAsync(x => x.Id == id, cancellationToken);
        var current = new SaveSupplierRequest(s.LegalName, s.Owner, s.Criticality, s.Status, [.. s.Services], [.. s.DataCategories], s.DataClassification,
            [.. s.DataLocations], s.ParentSupplierId, s.ContractStartOn, s.ContractEndOn, s.NoticePeriodDays, s.AiModelProvider, s.AiDataUsed,
            s.AiAutomatedDecisions, [.. s.RiskIds], [.. s.AssetIds], s.Version);
        Value<SupplierDto>(await SuppliersApi.Update(id, change(current), db, _members, _manager, On(daysAgo), cancellationToken));
    }

    /// <summary>A certificate valid from <paramref name="fromDaysAgo"/> to <paramref name="untilDaysAgo"/> (negative: in the future), recorded when it was issued.</summary>
    private async Task CertificateAsync(Guid supplier, CertificateKind kind, string issuer, int fromDaysAgo, int untilDaysAgo, CancellationToken cancellationToken) =>
        Value<SupplierCertificateDto>(await CertificatesApi.Create(supplier,
            new SaveCertificateRequest(kind, issuer, $"{kind}-{_timeline.Day(fromDaysAgo):yyyyMMdd}", _timeline.Day(fromDaysAgo), _timeline.Day(untilDaysAgo)), db, On(fromDaysAgo, 9), cancellationToken));

    /// <summary>An assessment started a week before it was completed, Approved.</summary>
    private async Task AssessAsync(Guid supplier, string title, int completedDaysAgo, CancellationToken cancellationToken)
    {
        var started = Value<AssessmentDto>(await AssessmentsApi.Start(supplier, new StartAssessmentRequest(title), db, _manager, On(completedDaysAgo + 7), cancellationToken));
        Value<AssessmentDto>(await AssessmentsApi.Complete(started.Id,
            new CompleteAssessmentRequest(AssessmentResult.Approved, "Residual risk accepted by the ISMS manager.", null, started.Version),
            db, _manager, On(completedDaysAgo, 15), cancellationToken));
    }
}
