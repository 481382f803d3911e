using IsmsCloud.BuildingBlocks.Demo;
using IsmsCloud.BuildingBlocks.Members;
using IsmsCloud.Contracts;
using IsmsCloud.Risk.Access;
using IsmsCloud.Risk.Assets;
using IsmsCloud.Risk.Evidence;
using IsmsCloud.Risk.Exceptions;
using IsmsCloud.Risk.Incidents;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Risk.Risks;
using IsmsCloud.Risk.Soa;
using IsmsCloud.Risk.Treatment;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using static IsmsCloud.BuildingBlocks.Demo.DemoStep;

namespace IsmsCloud.Risk.Demo;

/// <summary>
/// risk-api's part of the demo stories (Development only): the register, the SoA, evidence, exceptions and incidents of
/// 18 months, told through the service's own endpoint handlers on a <see cref="ScriptedClock"/>, so every record, every
/// version and every event carries the day the story says it happened.
/// Acme Cloud (<see cref="DemoScenario.Drifting"/>) looks certified and drifts: evidence bunches before audits, key
/// controls go stale, exceptions are renewed until they are permanent, a quarter of the register is not reassessed.
/// Calm Systems (<see cref="DemoScenario.Healthy"/>) operates what it says.
/// </summary>
public sealed partial class RiskDemoStory(RiskDbContext db) : IDemoStory
{
    private static readonly string[] People = ["manager", "owner", "approver"];

    private ScriptedClock _clock = null!;
    private DemoTimeline _timeline = null!;
    private Actor _manager = null!;
    private Actor _owner = null!;
    private Actor _approver = null!;
    private MemberDirectory _members = null!;
    private readonly Dictionary<string, Guid> _assets = [];
    private readonly Dictionary<string, Guid> _controls = [];
    private readonly List<Guid> _risks = [];

    public async Task<string?> WaitsForAsync(CancellationToken cancellationToken)
    {
        if (await db.Controls.CountAsync(c => !c.IsCustom, cancellationToken) < AnnexACatalogue.Controls.Count)
        {
            return "the Annex A catalogue";
        }

        // Owners, requesters and approvers must be members this service has heard of (identity-api announces them).
        return await DemoTenants.MembersKnownAsync(db, People, cancellationToken) ? null : "the tenant's members";
    }

    public Task<bool> IsToldAsync(CancellationToken cancellationToken) => db.Risks.AnyAsync(cancellationToken);

    public async Task TellAsync(DemoScenario scenario, DemoTimeline timeline, CancellationToken cancellationToken)
    {
        _timeline = timeline;
        _clock = timeline.StartClock();
        _members = DemoStep.Members(db);
        var slug = DemoTenants.SlugOf(scenario);
        var known = await db.KnownMembers.AsNoTracking().ToDictionaryAsync(m => m.Email, m => m.DisplayName, cancellationToken);
        Actor Person(string who, string role)
        {
            var email = DemoTenants.Member(slug, who);
            return new Actor(email, known.GetValueOrDefault(email, email), [role]);
        }

        _manager = Person("manager", IsmsRoles.IsmsManager);
        _owner = Person("owner", IsmsRoles.RiskOwner);
        _approver = Person("approver", IsmsRoles.Approver);
        foreach (var control in await db.Controls.AsNoTracking().Select(c => new { c.Reference, c.Id }).ToListAsync(cancellationToken))
        {
            _controls[control.Reference] = control.Id;
        }

        if (scenario == DemoScenario.Drifting)
        {
            await TellDriftingAsync(cancellationToken);
        }
        else
        {
            await TellHealthyAsync(cancellationToken);
        }
    }

    private ScriptedClock On(int daysAgo, int hour = 10) => _clock.At(_timeline.Day(daysAgo), hour);

    private string OwnerKey(string who) => who == "owner" ? _owner.Key : _manager.Key;

    // ---------------------------------------------------------------- the register

    /// <summary>One risk of the story: scores, owner, when it was created and last reviewed, its treatment.</summary>
    private sealed record StoryRisk(
        string Title, string Threat, int InherentL, int InherentI, int ResidualL, int ResidualI, string Owner,
        int CreatedDaysAgo, int? ReviewedDaysAgo, TreatmentDecision? Decision, params string[] Assets);

    /// <summary>One treatment action: its risk (by position in the register), due day, and the day it was done if it was.</summary>
    private sealed record StoryAction(int Risk, string Title, int CreatedDaysAgo, int DueDaysAgo, TreatmentActionStatus Status, int? DoneDaysAgo = null);

    private async Task AddAssetsAsync(IEnumerable<(string Name, AssetType Type, Classification Classification, string? AiProvider)> assets, int daysAgo, CancellationToken cancellationToken)
    {
        foreach (var (name, type, classification, aiProvider) in assets)
        {
            var request = new SaveAssetRequest(name, type, classification, _manager.Key,
                AiModelProvider: aiProvider, AiDataUsed: aiProvider is null ? null : "Support tickets, including customer names and file names.");
            var created = Value<AssetDto>(await AssetsApi.Create(request, db, _manager, _members, On(daysAgo), cancellationToken));
            _assets[name] = created.Id;
        }
    }

    private async Task AddRisksAsync(IReadOnlyList<StoryRisk> risks, CancellationToken cancellationToken)
    {
        foreach (var risk in risks)
        {
            var request = new CreateRiskRequest(risk.Title, OwnerKey(risk.Owner), risk.InherentL, risk.InherentI, risk.ResidualL, risk.ResidualI,
                Threat: risk.Threat, AssetIds: risk.Assets.Select(a => _assets[a]).ToList(), Rationale: "First assessment in the risk workshop.");
            var created = Value<RiskDto>(await RisksApi.CreateRisk(request, db, _manager, _members, On(risk.CreatedDaysAgo), cancellationToken));
            _risks.Add(created.Id);
            if (risk.Decision is { } decision)
            {
                Value<RiskDto>(await RisksApi.DecideTreatment(created.Id, new DecideTreatmentRequest(decision, await VersionOfRiskAsync(created.Id, cancellationToken)),
                    db, _manager, On(risk.CreatedDaysAgo, 11), cancellationToken));
            }
        }

        // Reviews in date order, so each risk's versions follow its history.
        foreach (var (risk, index) in risks.Select((r, i) => (r, i)).Where(x => x.r.ReviewedDaysAgo is not null).OrderByDescending(x => x.r.ReviewedDaysAgo))
        {
            var id = _risks[index];
            var request = new UpdateRiskRequest(risk.Title, OwnerKey(risk.Owner), risk.InherentL, risk.InherentI, risk.ResidualL, risk.ResidualI,
                await VersionOfRiskAsync(id, cancellationToken), Threat: risk.Threat, AssetIds: risk.Assets.Select(a => _assets[a]).ToList(),
                Rationale: "Reviewed with the owner: scores confirmed against this quarter's incidents and changes.");
            Value<RiskDto>(await RisksApi.UpdateRisk(id, request, db, _manager, _members, On(risk.ReviewedDaysAgo!.Value), cancellationToken));
        }
    }

    private async Task AddActionsAsync(IEnumerable<StoryAction> actions, CancellationToken cancellationToken)
    {
        foreach (var action in actions.OrderByDescending(a => a.CreatedDaysAgo))
        {
            var riskId = _risks[action.Risk - 1];
            var owner = await db.Risks.Where(r => r.Id == riskId).Select(r => r.Owner).FirstAsync(cancellationToken);
            var status = action.Status == TreatmentActionStatus.Done ? TreatmentActionStatus.InProgress : action.Status;
            var created = Value<TreatmentActionDto>(await TreatmentApi.Create(riskId, new SaveTreatmentActionRequest(action.Title, owner, _timeline.Day(action.DueDaysAgo), status),
                db, _manager, _members, On(action.CreatedDaysAgo), cancellationToken));
            if (action.DoneDaysAgo is { } done)
            {
                await CompleteActionAsync(created.Id, done, cancellationToken);
            }
        }
    }

    private async Task CompleteActionAsync(Guid actionId, int daysAgo, CancellationToken cancellationToken)
    {
        var action = await db.TreatmentActions.AsNoTracking().FirstAsync(a => a.Id == actionId, cancellationToken);
        Value<TreatmentActionDto>(await TreatmentApi.Update(actionId,
            new SaveTreatmentActionRequest(action.Title, action.Owner, action.DueOn, TreatmentActionStatus.Done, Version: action.Version),
            db, _manager, _members, On(daysAgo, 15), cancellationToken));
    }

    // ---------------------------------------------------------------- the SoA and evidence

    /// <summary>Decides every control: not applicable for <paramref name="notApplicable"/>, otherwise applicable with a status.</summary>
    private async Task DecideSoaAsync(int daysAgo, IReadOnlyDictionary<string, string> notApplicable,
        IReadOnlyDictionary<string, ImplementationStatus> notYetImplemented, IReadOnlyDictionary<string, int> cadences, CancellationToken cancellationToken)
    {
        var minute = 0;
        foreach (var (reference, id) in _controls.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var applicable = !notApplicable.ContainsKey(reference);
            var request = new UpdateControlRequest(applicable,
                applicable ? "Applies to the services in scope; chosen in the risk assessment." : notApplicable[reference],
                applicable ? notYetImplemented.GetValueOrDefault(reference, ImplementationStatus.Implemented) : ImplementationStatus.NotImplemented,
                _manager.Key, applicable && cadences.TryGetValue(reference, out var cadence) ? cadence : null, null,
                await VersionOfControlAsync(id, cancellationToken));
            // A minute apart: the catalogue is decided over a morning, one control after the other.
            var at = _clock.At(_timeline.Day(daysAgo), 8 + (minute / 60), minute % 60);
            Value<ControlDto>(await ControlsApi.Update(id, request, db, _manager, _members, at, cancellationToken));
            minute++;
        }
    }

    private async Task PublishSoaAsync(int daysAgo, string note, CancellationToken cancellationToken) =>
        Value<SoaVersionSummaryDto>(await SoaApi.Publish(new PublishSoaRequest(note), db, _manager, On(daysAgo, 16), cancellationToken));

    /// <summary>Records evidence for <paramref name="reference"/>, collected <paramref name="collectedDaysAgo"/>, covering the days before.</summary>
    private async Task RecordEvidenceAsync(string reference, int collectedDaysAgo, int coversDays, string title, CancellationToken cancellationToken)
    {
        var collected = _timeline.Day(collectedDaysAgo);
        var request = new RecordEvidenceRequest(title, collected.AddDays(-coversDays + 1), collected, EvidenceSource.Manual);
        Value<EvidenceDto>(await EvidenceApi.Record(_controls[reference], request, db, _manager, On(collectedDaysAgo, 14), cancellationToken));
    }

    // ---------------------------------------------------------------- exceptions and incidents

    private async Task<Guid> GrantExceptionAsync(string reference, int risk, int requestedDaysAgo, int expiresDaysAgo, string reason, CancellationToken cancellationToken)
    {
        var request = new RequestExceptionRequest(_controls[reference], _risks[risk - 1], "The production platform (eu-west).", reason,
            "Compensated by closer monitoring and a weekly check by the operations lead.", _timeline.Day(expiresDaysAgo));
        var requested = Value<ExceptionDto>(await ExceptionsApi.Request(request, db, _manager, On(requestedDaysAgo), cancellationToken));
        Value<ExceptionDto>(await ExceptionsApi.Approve(requested.Id, new DecideExceptionRequest(null, "Granted for the period asked.", await VersionOfExceptionAsync(requested.Id, cancellationToken)),
            db, _approver, On(requestedDaysAgo - 1), cancellationToken));
        return requested.Id;
    }

    private async Task RenewExceptionAsync(Guid id, int renewedDaysAgo, int expiresDaysAgo, CancellationToken cancellationToken) =>
        Value<ExceptionDto>(await ExceptionsApi.Renew(id, new DecideExceptionRequest(_timeline.Day(expiresDaysAgo), "Renewed: the fix slipped again.", await VersionOfExceptionAsync(id, cancellationToken)),
            db, _approver, On(renewedDaysAgo), cancellationToken));

    private async Task CloseExceptionAsync(Guid id, int closedDaysAgo, string note, CancellationToken cancellationToken) =>
        Value<ExceptionDto>(await ExceptionsApi.Close(id, new DecideExceptionRequest(null, note, await VersionOfExceptionAsync(id, cancellationToken)),
            db, _manager, On(closedDaysAgo), cancellationToken));

    /// <summary>An incident recorded when it was detected and, when <paramref name="resolvedDaysAgo"/> is given, resolved later.</summary>
    private async Task<Guid> RecordIncidentAsync(string title, IncidentSeverity severity, int occurredDaysAgo, int detectedDaysAgo, int? resolvedDaysAgo,
        IReadOnlyList<(string Reference, ControlRole Role)> controls, IReadOnlyList<int> risks, string description, CancellationToken cancellationToken)
    {
        var request = new SaveIncidentRequest(title, severity, DemoTimeline.At(_timeline.Day(occurredDaysAgo), 2), DemoTimeline.At(_timeline.Day(detectedDaysAgo), 9),
            null, description, controls.Select(c => new IncidentControlLink(_controls[c.Reference], c.Role)).ToList(), risks.Select(r => _risks[r - 1]).ToList());
        var created = Value<IncidentDto>(await IncidentsApi.Create(request, db, _manager, On(detectedDaysAgo, 11), cancellationToken));
        if (resolvedDaysAgo is { } resolved)
        {
            var version = await db.Incidents.Where(i => i.Id == created.Id).Select(i => (long)i.Version).FirstAsync(cancellationToken);
            Value<IncidentDto>(await IncidentsApi.Update(created.Id, request with { ResolvedAt = DemoTimeline.At(_timeline.Day(resolved), 17), Version = version },
                db, _manager, On(resolved, 18), cancellationToken));
        }

        return created.Id;
    }

    private async Task AddLessonAsync(Guid incidentId, string lesson, int risk, int daysAgo, int dueDaysAgo, int? doneDaysAgo, CancellationToken cancellationToken)
    {
        var action = Value<TreatmentActionDto>(await IncidentsApi.AddLesson(incidentId,
            new AddLessonRequest(lesson, _risks[risk - 1], _owner.Key, _timeline.Day(dueDaysAgo)), db, _manager, _members, On(daysAgo, 12), cancellationToken));
        if (doneDaysAgo is { } done)
        {
            await CompleteActionAsync(action.Id, done, cancellationToken);
        }
    }

    private async Task CloseIncidentAsync(Guid id, int daysAgo, string? noControlReason, CancellationToken cancellationToken)
    {
        var version = await db.Incidents.Where(i => i.Id == id).Select(i => (long)i.Version).FirstAsync(cancellationToken);
        Value<IncidentDto>(await IncidentsApi.Close(id, new CloseIncidentRequest(noControlReason, version), db, _manager, On(daysAgo, 16), cancellationToken));
    }

    /// <summary>Changes a control's upkeep (owner or cadence) on a day, as an incident's follow-up does.</summary>
    private async Task ChangeCadenceAsync(string reference, int cadenceDays, int daysAgo, CancellationToken cancellationToken)
    {
        var id = _controls[reference];
        var control = await db.Controls.AsNoTracking().Include(c => c.RiskLinks).FirstAsync(c => c.Id == id, cancellationToken);
        var request = new UpdateControlRequest(control.Applicable, control.Justification, control.ImplementationStatus, control.Owner, cadenceDays,
            control.RiskLinks.Select(l => l.RiskId).ToList(), control.Version);
        Value<ControlDto>(await ControlsApi.Update(id, request, db, _manager, _members, On(daysAgo, 13), cancellationToken));
    }

    // ---------------------------------------------------------------- plumbing

    private Task<long> VersionOfRiskAsync(Guid id, CancellationToken cancellationToken) =>
        db.Risks.Where(r => r.Id == id).Select(r => (long)r.Version).FirstAsync(cancellationToken);

    private Task<long> VersionOfControlAsync(Guid id, CancellationToken cancellationToken) =>
        db.Controls.Where(c => c.Id == id).Select(c => (long)c.Version).FirstAsync(cancellationToken);

    private Task<long> VersionOfExceptionAsync(Guid id, CancellationToken cancellationToken) =>
        db.ControlExceptions.Where(e => e.Id == id).Select(e => (long)e.Version).FirstAsync(cancellationToken);
}
