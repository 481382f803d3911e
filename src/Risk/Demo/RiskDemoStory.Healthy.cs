using IsmsCloud.Risk.Assets;
using IsmsCloud.Risk.Incidents;
using IsmsCloud.Risk.Risks;
using IsmsCloud.Risk.Soa;
using IsmsCloud.Risk.Treatment;

namespace IsmsCloud.Risk.Demo;

/// <summary>
/// Calm Systems: a small ISMS that operates as it says — every risk reviewed within the interval and treated, evidence
/// recorded as it falls due all year rather than before audits, no exception, its incident traced. It raises no
/// failure pattern.
/// </summary>
public sealed partial class RiskDemoStory
{
    private const string Scheduling = "Calm Scheduling service";
    private const string Calendars = "Customer calendars and contacts";
    private const string CloudAccount = "Production cloud account";
    private const string StaffLaptops = "Staff laptops";

    private static readonly StoryRisk[] CalmRisks =
    [
        new("Customer calendars are taken over through stolen passwords", "Credential stuffing", 4, 4, 2, 3, "owner", 400, 40, Treat, Scheduling, Calendars),
        new("The cloud account is misconfigured", "Misconfiguration", 3, 4, 2, 3, "owner", 400, 55, Treat, CloudAccount),
        new("Backups cannot be restored", "Untested restore", 3, 4, 1, 4, "manager", 398, 30, Treat, Calendars),
        new("A staff laptop is stolen", "Theft", 3, 3, 1, 3, "manager", 398, 70, Accept, StaffLaptops),
        new("The cloud provider has a regional outage", "Provider failure", 3, 4, 2, 4, "manager", 396, 90, Transfer, Scheduling),
        new("Phishing of a staff member", "Phishing", 4, 3, 2, 3, "owner", 396, 20, Treat, StaffLaptops),
        new("Dependencies carry known vulnerabilities", "Vulnerable dependency", 4, 4, 3, 4, "owner", 394, 15, Treat, Scheduling),
        new("A staff member misuses customer data", "Insider misuse", 2, 4, 1, 4, "manager", 394, 100, Accept, Calendars),
    ];

    /// <summary>Done on time, and the High risk's action still ahead of its due date.</summary>
    private static readonly StoryAction[] CalmActions =
    [
        new(1, "Breached-password check at sign-in", 390, 300, TreatmentActionStatus.Done, 310),
        new(1, "Passkeys for customer accounts", 120, -40, TreatmentActionStatus.InProgress),
        new(2, "Infrastructure as code with policy checks", 390, 250, TreatmentActionStatus.Done, 260),
        new(3, "Monthly restore test", 385, 330, TreatmentActionStatus.Done, 335),
        new(6, "Phishing-resistant MFA for staff", 380, 280, TreatmentActionStatus.Done, 290),
        new(7, "Automated dependency updates with tests", 60, -21, TreatmentActionStatus.InProgress),
    ];

    private static readonly Dictionary<string, string> CalmNotApplicable = new()
    {
        ["A.7.1"] = "No offices: staff work remotely; the cloud provider secures its sites.",
        ["A.7.2"] = "No offices: staff work remotely; the cloud provider secures its sites.",
        ["A.7.3"] = "No offices: staff work remotely; the cloud provider secures its sites.",
        ["A.7.4"] = "No offices: staff work remotely; the cloud provider secures its sites.",
        ["A.7.11"] = "Supporting utilities are the cloud provider's.",
        ["A.7.12"] = "Cabling is the cloud provider's.",
        ["A.8.30"] = "No development is outsourced.",
    };

    private static readonly Dictionary<string, int> CalmCadences = new()
    {
        ["A.8.8"] = 30, ["A.8.13"] = 30, ["A.8.15"] = 30, ["A.5.15"] = 90, ["A.5.18"] = 90, ["A.8.7"] = 90, ["A.8.32"] = 90, ["A.6.3"] = 365,
    };

    private async Task TellHealthyAsync(CancellationToken cancellationToken)
    {
        await AddAssetsAsync(
        [
            (Scheduling, AssetType.Service, Classification.Confidential, null), (Calendars, AssetType.Information, Classification.Confidential, null),
            (CloudAccount, AssetType.System, Classification.Confidential, null), (StaffLaptops, AssetType.Device, Classification.Internal, null),
        ], 405, cancellationToken);
        await AddRisksAsync(CalmRisks, cancellationToken);
        await DecideSoaAsync(392, CalmNotApplicable, new Dictionary<string, ImplementationStatus>(), CalmCadences, cancellationToken);
        await TellCalmEvidenceAsync(cancellationToken);
        await PublishSoaAsync(_timeline.DaysAgo(_timeline.SoaPublished), "Statement of Applicability for the certification.", cancellationToken);
        await AddActionsAsync(CalmActions, cancellationToken);

        // Its one incident, long enough ago to be settled: a lesson became an action, done.
        var incident = await RecordIncidentAsync("A misdirected calendar invitation exposed a customer's attendee list", IncidentSeverity.Low, 150, 149, 149,
            [("A.5.34", ControlRole.Failed), ("A.8.15", ControlRole.Helped)], [8], "Found by the customer; the invitation was withdrawn within the hour.", cancellationToken);
        await AddLessonAsync(incident, "Warn before an invitation goes to more than 50 external attendees", 8, 148, 120, 125, cancellationToken);
        await CloseIncidentAsync(incident, 140, null, cancellationToken);
    }

    /// <summary>
    /// Evidence as it falls due, all year: each 30-day control monthly, each 90-day control quarterly, the yearly one
    /// once, and every other implemented control's record spread over the year — no bunching before audits.
    /// </summary>
    private async Task TellCalmEvidenceAsync(CancellationToken cancellationToken)
    {
        // Before the SoA is published, each implemented control's first record; the older ones at the ISMS's start.
        var others = _controls.Keys.Where(r => !CalmNotApplicable.ContainsKey(r) && !CalmCadences.ContainsKey(r)).Order(StringComparer.Ordinal).ToList();
        foreach (var reference in others)
        {
            await RecordEvidenceAsync(reference, 391, 30, "Approved policy and the record of its communication", cancellationToken);
        }

        // Through the year: a spread of operating records for those controls, about one every four days.
        foreach (var (reference, index) in others.Select((r, i) => (r, i)))
        {
            await RecordEvidenceAsync(reference, 360 - (index * 4 % 355), 30, "Operating record reviewed by the control owner", cancellationToken);
        }

        foreach (var (reference, cadence) in CalmCadences.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var step = Math.Min(cadence, 180) - 2;
            for (var daysAgo = 360 - (reference.Length % 7); daysAgo > 0; daysAgo -= step)
            {
                await RecordEvidenceAsync(reference, daysAgo, cadence, $"{reference} periodic record", cancellationToken);
            }
        }
    }
}
