using System.Text;
using IsmsCloud.Audits.AccessReviews;
using IsmsCloud.Audits.Access;
using IsmsCloud.Audits.Actions;
using IsmsCloud.Audits.Findings;
using IsmsCloud.Audits.Infrastructure;
using IsmsCloud.Audits.Programme;
using IsmsCloud.Audits.Soa;
using IsmsCloud.BuildingBlocks.Demo;
using IsmsCloud.BuildingBlocks.Members;
using IsmsCloud.Contracts;
using IsmsCloud.Contracts.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using static IsmsCloud.BuildingBlocks.Demo.DemoStep;

namespace IsmsCloud.Audits.Demo;

/// <summary>
/// audit-api's part of the demo stories (Development only): the audit programme on <see cref="DemoTimeline"/>'s dates,
/// the findings each audit raised, their corrective actions and the access reviews, told through the service's own
/// endpoint handlers on a <see cref="ScriptedClock"/>.
/// Acme Cloud (<see cref="DemoScenario.Drifting"/>) finds the same patching weakness (A.8.8) in every audit, lets its
/// corrective actions slide and leaves a revocation unverified. Calm Systems (<see cref="DemoScenario.Healthy"/>) closes
/// what its audits find and completes its reviews.
/// </summary>
public sealed partial class AuditDemoStory(AuditDbContext db, IServiceProvider services) : IDemoStory
{
    private static readonly string[] People = ["manager", "owner", "approver", "auditor"];

    private ScriptedClock _clock = null!;
    private DemoTimeline _timeline = null!;
    private string _slug = null!;
    private Actor _manager = null!;
    private Actor _auditor = null!;
    private Actor _approver = null!;
    private MemberDirectory _members = null!;
    private Dictionary<string, string> _names = [];
    private int _tickets = 400;

    public async Task<string?> WaitsForAsync(CancellationToken cancellationToken)
    {
        // Findings link the Annex A control they name: wait until risk-api has announced the tenant's SoA.
        if (await db.KnownControls.CountAsync(cancellationToken) < ReferenceCatalogue.AnnexAControls.Count)
        {
            return "the tenant's Statement of Applicability";
        }

        return await DemoTenants.MembersKnownAsync(db, People, cancellationToken) ? null : "the tenant's members";
    }

    public Task<bool> IsToldAsync(CancellationToken cancellationToken) => db.Audits.AnyAsync(cancellationToken);

    public async Task TellAsync(DemoScenario scenario, DemoTimeline timeline, CancellationToken cancellationToken)
    {
        _timeline = timeline;
        _clock = timeline.StartClock();
        _members = DemoStep.Members(db);
        _slug = DemoTenants.SlugOf(scenario);
        _names = await db.KnownMembers.AsNoTracking().ToDictionaryAsync(m => m.Email, m => m.DisplayName, cancellationToken);
        _manager = Person("manager", IsmsRoles.IsmsManager);
        _auditor = Person("auditor", IsmsRoles.Auditor);
        _approver = Person("approver", IsmsRoles.Approver);
        if (scenario == DemoScenario.Drifting)
        {
            await TellDriftingAsync(cancellationToken);
        }
        else
        {
            await TellHealthyAsync(cancellationToken);
        }
    }

    private Actor Person(string who, string role)
    {
        var email = Email(who);
        return new Actor(email, _names.GetValueOrDefault(email, email), [role]);
    }

    private string Email(string who) => DemoTenants.Member(_slug, who);

    private ScriptedClock On(int daysAgo, int hour = 10) => _clock.At(_timeline.Day(daysAgo), hour);

    // ---------------------------------------------------------------- the programme and its findings

    /// <summary>
    /// One audit: planned a month ahead, started on <paramref name="startedDaysAgo"/> (null: still planned) and completed
    /// <paramref name="days"/> later. An internal audit is run by the tenant's auditor, an external one by its body.
    /// </summary>
    private async Task<Guid> AuditAsync(string title, AuditKind kind, int plannedDaysAgo, int days, int? startedDaysAgo, string scope,
        CancellationToken cancellationToken)
    {
        var internalAudit = kind == AuditKind.Internal;
        var plannedStart = _timeline.Day(plannedDaysAgo);
        var request = new SaveAuditRequest(title, kind, plannedStart.Year, scope,
            "ISO/IEC 27001:2022 clauses 4–10 and the applicable Annex A controls of the published Statement of Applicability.",
            internalAudit ? _auditor.Key : null, internalAudit ? null : "Certa Assurance Ltd (accredited certification body)",
            plannedStart, plannedStart.AddDays(days));
        // Planned a month ahead (not before the story starts); a future audit was planned a fortnight ago.
        var planned = Math.Clamp(plannedDaysAgo + 30, 14, _timeline.DaysAgo(_timeline.Start));
        var audit = Value<AuditDto>(await AuditsApi.CreateAudit(request, db, _manager, _members, On(planned), cancellationToken));
        if (startedDaysAgo is not { } started)
        {
            return audit.Id;
        }

        Value<AuditDto>(await AuditsApi.StartAudit(audit.Id, new AuditStepRequest(_timeline.Day(started), await VersionOfAuditAsync(audit.Id, cancellationToken)),
            db, _manager, On(started, 9), cancellationToken));
        var completed = started - days;
        Value<AuditDto>(await AuditsApi.CompleteAudit(audit.Id, new AuditStepRequest(_timeline.Day(completed), await VersionOfAuditAsync(audit.Id, cancellationToken)),
            db, _manager, On(completed, 17), cancellationToken));
        return audit.Id;
    }

    /// <summary>A finding raised on <paramref name="raisedDaysAgo"/>, within its audit's days.</summary>
    private async Task<Guid> FindingAsync(Guid auditId, FindingKind kind, string reference, string description, int raisedDaysAgo,
        RootCauseCategory? rootCause, string? rootCauseAnalysis, CancellationToken cancellationToken)
    {
        var request = new RaiseFindingRequest(kind, reference, description, EvidenceSeen: "Interviews, records sampled on site and the ticketing system.",
            RootCauseCategory: rootCause, RootCauseAnalysis: rootCauseAnalysis, RaisedOn: _timeline.Day(raisedDaysAgo));
        var finding = Value<FindingDetailDto>(await FindingsApi.RaiseFinding(auditId, request, db, _auditor, On(raisedDaysAgo, 15), cancellationToken));
        return finding.Finding.Id;
    }

    /// <summary>
    /// A corrective action, created the day after its finding: open or in progress until <paramref name="closedDaysAgo"/>
    /// (null: still open), closed with its evidence link, and checked effective on <paramref name="checkedDaysAgo"/>.
    /// </summary>
    private async Task ActionAsync(Guid findingId, string title, string owner, int createdDaysAgo, int dueDaysAgo, CorrectiveActionStatus status,
        int? closedDaysAgo = null, int? checkedDaysAgo = null, CancellationToken cancellationToken = default)
    {
        var ownerKey = Email(owner);
        var action = Value<CorrectiveActionDto>(await CorrectiveActionsApi.CreateAction(findingId,
            new CreateCorrectiveActionRequest(title, ownerKey, _timeline.Day(dueDaysAgo), "Agreed with the auditor when the finding was raised."),
            db, _manager, _members, On(createdDaysAgo, 11), cancellationToken));
        if (status == CorrectiveActionStatus.Open && closedDaysAgo is null)
        {
            return;
        }

        // Work starts a week later; a closed action first gets the link to its closure evidence.
        var working = closedDaysAgo is { } closed ? Math.Max(closed, createdDaysAgo - 7) : createdDaysAgo - 7;
        Value<CorrectiveActionDto>(await CorrectiveActionsApi.UpdateAction(action.Id,
            new UpdateCorrectiveActionRequest(title, ownerKey, _timeline.Day(dueDaysAgo), CorrectiveActionStatus.InProgress, await VersionOfActionAsync(action.Id, cancellationToken),
                "Agreed with the auditor when the finding was raised.",
                closedDaysAgo is null ? null : $"https://tickets.{_slug}.example/ISMS-{++_tickets}"),
            db, _manager, _members, On(working, 9), cancellationToken));
        if (closedDaysAgo is not { } closedOn)
        {
            return;
        }

        Value<CorrectiveActionDto>(await CorrectiveActionsApi.CloseAction(action.Id,
            new CloseCorrectiveActionRequest(await VersionOfActionAsync(action.Id, cancellationToken), "Done; the evidence is linked."),
            db, _manager, On(closedOn, 16), cancellationToken));
        if (checkedDaysAgo is { } checkedOn)
        {
            // Checked by a manager or an auditor who neither owns the action nor ran the audit (the manager, or the
            // tenant's auditor for a manager's action after an external audit).
            Value<CorrectiveActionDto>(await CorrectiveActionsApi.RecordEffectiveness(action.Id,
                new RecordEffectivenessRequest(Effectiveness.Effective, await VersionOfActionAsync(action.Id, cancellationToken), "Sampled three months of records: the fix holds."),
                db, owner == "manager" ? _auditor : _manager, On(checkedOn, 14), cancellationToken));
        }
    }

    // ---------------------------------------------------------------- access reviews

    /// <summary>An account under review and what its reviewer decided (null: not yet), and whether a change was verified.</summary>
    private sealed record StoryAccount(string User, string Account, string Entitlements, bool Privileged, ReviewDecision? Decision = null,
        string? Justification = null, bool Verified = false);

    /// <summary>
    /// A campaign: created and its accounts imported <paramref name="openedDaysAgo"/>, opened the same day, decided over the
    /// following days, and closed on <paramref name="closedDaysAgo"/> (null: still open).
    /// </summary>
    private async Task CampaignAsync(string system, string title, int openedDaysAgo, int dueDaysAgo, IReadOnlyList<StoryAccount> accounts,
        int? closedDaysAgo, CancellationToken cancellationToken)
    {
        var reviewers = new[] { _approver.Key, _manager.Key };
        var campaign = Value<CampaignDetailDto>(await CampaignsApi.CreateCampaign(new CreateCampaignRequest(system, title, reviewers, _timeline.Day(dueDaysAgo)),
            db, _manager, _members, On(openedDaysAgo, 9), cancellationToken)).Campaign;
        Value<CampaignImportResult>(await CampaignsApi.ImportItems(campaign.Id, ExportOf(accounts), db, On(openedDaysAgo, 10), cancellationToken));
        Value<CampaignDetailDto>(await CampaignsApi.OpenCampaign(campaign.Id, new CampaignVersionRequest(await VersionOfCampaignAsync(campaign.Id, cancellationToken)),
            db, On(openedDaysAgo, 11), cancellationToken));

        var items = await db.ReviewItems.AsNoTracking().Where(i => i.CampaignId == campaign.Id).ToDictionaryAsync(i => i.Account, i => i.Id, cancellationToken);
        var day = openedDaysAgo;
        foreach (var account in accounts.Where(a => a.Decision is not null))
        {
            // The approver reviews; never their own account.
            day = Math.Max(day - 1, closedDaysAgo ?? 0);
            var id = items[account.Account];
            Value<ReviewItemDto>(await CampaignsApi.DecideItem(campaign.Id, id,
                new DecideItemRequest(account.Decision!.Value, await VersionOfItemAsync(id, cancellationToken), account.Justification),
                db, _approver, On(day, 14), cancellationToken));
            if (account.Verified)
            {
                Value<ReviewItemDto>(await CampaignsApi.VerifyItem(campaign.Id, id,
                    new VerifyItemRequest($"Removed in {system}; change ticket linked in the campaign's record.", await VersionOfItemAsync(id, cancellationToken)),
                    db, _manager, On(day, 16), cancellationToken));
            }
        }

        if (closedDaysAgo is { } closed)
        {
            Value<CampaignDetailDto>(await CampaignsApi.CloseCampaign(campaign.Id, new CampaignVersionRequest(await VersionOfCampaignAsync(campaign.Id, cancellationToken)),
                db, _manager, On(closed, 17), cancellationToken));
        }
    }

    /// <summary>The accounts as the system's export (the CSV a reviewer uploads), as an HTTP request the import handler reads.</summary>
    private HttpRequest ExportOf(IEnumerable<StoryAccount> accounts)
    {
        var csv = new StringBuilder("user,email,account,entitlements,privileged\n");
        foreach (var a in accounts)
        {
            var email = $"{a.Account}@{_slug}.example";
            csv.Append($"{a.User},{email},{a.Account},{a.Entitlements},{(a.Privileged ? "yes" : "no")}\n");
        }

        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.ContentType = "text/csv";
        context.Request.ContentLength = bytes.Length;
        context.Request.Body = new MemoryStream(bytes);
        return context.Request;
    }

    // ---------------------------------------------------------------- versions read before each step

    private Task<long> VersionOfAuditAsync(Guid id, CancellationToken cancellationToken) =>
        db.Audits.Where(a => a.Id == id).Select(a => (long)a.Version).FirstAsync(cancellationToken);

    private Task<long> VersionOfActionAsync(Guid id, CancellationToken cancellationToken) =>
        db.CorrectiveActions.Where(a => a.Id == id).Select(a => (long)a.Version).FirstAsync(cancellationToken);

    private Task<long> VersionOfCampaignAsync(Guid id, CancellationToken cancellationToken) =>
        db.Campaigns.Where(c => c.Id == id).Select(c => (long)c.Version).FirstAsync(cancellationToken);

    private Task<long> VersionOfItemAsync(Guid id, CancellationToken cancellationToken) =>
        db.ReviewItems.Where(i => i.Id == id).Select(i => (long)i.Version).FirstAsync(cancellationToken);
}
