using System.Security.Claims;
using IsmsCloud.BuildingBlocks.Demo;
using IsmsCloud.BuildingBlocks.Members;
using IsmsCloud.Contracts;
using IsmsCloud.Reporting.Facts;
using IsmsCloud.Reporting.Infrastructure;
using IsmsCloud.Reporting.ManagementReviews;
using IsmsCloud.Reporting.Signals;
using Microsoft.EntityFrameworkCore;
using static IsmsCloud.BuildingBlocks.Demo.DemoStep;

namespace IsmsCloud.Reporting.Demo;

/// <summary>
/// reporting-api's part of the demo stories (Development only): the management reviews, planned, minuted and signed
/// through the service's own handlers on a <see cref="ScriptedClock"/>. A review's signed pack quotes the figures of its
/// day, computed from the facts the other services' stories sent, so this part waits until those have arrived.
/// Acme Cloud (<see cref="DemoScenario.Drifting"/>) held one review, before certification, 425 days ago, and has the
/// next one only planned (signal 8). Calm Systems (<see cref="DemoScenario.Healthy"/>) reviews every year, the last one
/// 45 days ago.
/// </summary>
public sealed class ReportingDemoStory(ReportingDbContext db, ReviewAssembler assembler, SignalsService signals, TimeProvider clock) : IDemoStory
{
    private static readonly string[] People = ["admin", "manager", "owner", "auditor"];

    /// <summary>The facts each other part sends (risk-api, audit-api, supplier-api, trust-api's certificate).</summary>
    private static readonly FactKind[] OtherParts =
        [FactKind.Risk, FactKind.Evidence, FactKind.Incident, FactKind.Audit, FactKind.AccessReviewItem, FactKind.SupplierAssessment, FactKind.Certificate];

    /// <summary>How long no fact may have arrived before the other parts count as arrived (each is one transaction, relayed in a burst).</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(3);

    private ScriptedClock _clock = null!;
    private DemoTimeline _timeline = null!;
    private MemberDirectory _members = null!;
    private string _slug = null!;

    public async Task<string?> WaitsForAsync(CancellationToken cancellationToken)
    {
        if (!await DemoTenants.MembersKnownAsync(db, People, cancellationToken))
        {
            return "the tenant's members";
        }

        var kinds = await db.Facts.Select(f => f.Kind).Distinct().ToListAsync(cancellationToken);
        var missing = OtherParts.Where(kind => !kinds.Contains(kind)).ToList();
        if (missing.Count > 0)
        {
            return $"the other services' stories (no {string.Join(", ", missing)} facts yet)";
        }

        var newest = await db.Facts.MaxAsync(f => f.ReceivedAt, cancellationToken);
        return clock.GetUtcNow() - newest < Quiet ? "the other services' stories (their facts are still arriving)" : null;
    }

    public Task<bool> IsToldAsync(CancellationToken cancellationToken) => db.ManagementReviews.AnyAsync(cancellationToken);

    public async Task TellAsync(DemoScenario scenario, DemoTimeline timeline, CancellationToken cancellationToken)
    {
        _timeline = timeline;
        _clock = timeline.StartClock();
        _members = DemoStep.Members(db);
        _slug = DemoTenants.SlugOf(scenario);
        var firstReview = _timeline.DaysAgo(timeline.ManagementReviewSigned);
        if (scenario == DemoScenario.Drifting)
        {
            await ReviewAsync("Management review 2025", firstReview,
                "Certification audit booked; two new enterprise customers ask for ISO 27001.",
                "Customers ask for faster security questionnaire answers.",
                "Automate patching; give the backup system a second engineer.",
                [(DecisionKind.Resources, "Fund a managed patching service from Q3."),
                 (DecisionKind.Objectives, "Objective for the year: every internet-facing host patched within 14 days.")],
                cancellationToken);
            // The next review is planned, not held: the signal counts from the last signed one.
            await PlanAsync("Management review 2026", -21, cancellationToken);
        }
        else
        {
            await ReviewAsync("Management review 2025", firstReview,
                "Certification scope confirmed; a second office opened.",
                "Customers' security reviews passed without findings.",
                "Remind policy owners of review dates automatically.",
                [(DecisionKind.Objectives, "Keep every supplier of High criticality or above assessed within its interval.")],
                cancellationToken);
            await ReviewAsync("Management review 2026", 45,
                "Surveillance audit planned; the AI scheduling assistant went live.",
                "No customer complaint about security this year.",
                "Extend access reviews to the support tools.",
                [(DecisionKind.Improvement, "Add the support tools to the next access review."),
                 (DecisionKind.RiskAcceptance, "Accept the residual risk of the office break-in scenario for another year.")],
                cancellationToken);
        }
    }

    private ScriptedClock On(int daysAgo, int hour = 10) => _clock.At(_timeline.Day(daysAgo), hour);

    private ClaimsPrincipal Person(string who)
    {
        var email = DemoTenants.Member(_slug, who);
        return new ClaimsPrincipal(new ClaimsIdentity([new Claim(IsmsClaims.Email, email)], "demo-story"));
    }

    /// <summary>Planned a month ahead by the ISMS manager, chaired by the tenant's admin (top management).</summary>
    private async Task<ReviewDto> PlanAsync(string title, int daysAgo, CancellationToken cancellationToken)
    {
        var request = new PlanReviewRequest(title, _timeline.Day(daysAgo), DemoTenants.Member(_slug, "admin"),
            [DemoTenants.Member(_slug, "manager"), DemoTenants.Member(_slug, "owner"), DemoTenants.Member(_slug, "auditor")]);
        return Value<ReviewDto>(await ManagementReviewsApi.Plan(request, db, _members, assembler, Person("manager"), On(Math.Max(daysAgo + 30, 1)), cancellationToken));
    }

    /// <summary>A review held on its day: its inputs minuted, its decisions recorded, signed by the chair that afternoon.</summary>
    private async Task ReviewAsync(string title, int daysAgo, string issues, string feedback, string improvements,
        IReadOnlyList<(DecisionKind Kind, string Summary)> decisions, CancellationToken cancellationToken)
    {
        var review = await PlanAsync(title, daysAgo, cancellationToken);
        var updated = Value<ReviewDto>(await ManagementReviewsApi.Update(review.Id,
            new UpdateReviewRequest(review.Title, review.ReviewDate, review.Chair.Email, review.Attendees.Select(a => (string?)a.Email).ToList(),
                issues, feedback, improvements, review.Version),
            db, _members, assembler, Person("manager"), On(daysAgo, 11), cancellationToken));
        var version = (long)updated.Version;
        foreach (var (kind, summary) in decisions)
        {
            Value<DecisionRecord>(await ManagementReviewsApi.AddDecision(review.Id, new SaveDecisionRequest(kind, summary, null, null, version),
                db, signals, _members, Person("manager"), On(daysAgo, 12), cancellationToken));
            version = await db.ManagementReviews.Where(r => r.Id == review.Id).Select(r => (long)r.Version).FirstAsync(cancellationToken);
        }

        Value<ReviewDto>(await ManagementReviewsApi.Sign(review.Id, new ReviewVersionRequest(version), db, assembler, Person("admin"), On(daysAgo, 16), cancellationToken));
    }
}
