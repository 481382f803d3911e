using IsmsCloud.Risk.Assets;
using IsmsCloud.Risk.Incidents;
using IsmsCloud.Risk.Risks;
using IsmsCloud.Risk.Soa;
using IsmsCloud.Risk.Treatment;

namespace IsmsCloud.Risk.Demo;

/// <summary>
/// Acme Cloud: certified ten months ago, and drifting. The figures each chapter feeds are named in its comment; the
/// audit dates it bunches evidence before are <see cref="BuildingBlocks.Demo.DemoTimeline"/>'s (T-330 certification, T-60
/// second internal audit), told by audit-api.
/// </summary>
public sealed partial class RiskDemoStory
{
    private const string Platform = "Acme Transfer platform";
    private const string Backup = "Acme Backup platform";
    private const string CustomerFiles = "Customer files and backups";
    private const string Clusters = "Production Kubernetes clusters (eu-west)";
    private const string Pipelines = "Source code and CI/CD pipelines";
    private const string IdentityProvider = "Corporate identity provider";
    private const string Laptops = "Employee laptops";
    private const string SupportDesk = "Customer support desk";
    private const string StaffRecords = "Employee and payroll records";
    private const string Staff = "Engineering and operations staff";
    private const string Assistant = "AI support assistant";

    private const TreatmentDecision Treat = TreatmentDecision.Treat;
    private const TreatmentDecision Accept = TreatmentDecision.Accept;
    private const TreatmentDecision Transfer = TreatmentDecision.Transfer;

    /// <summary>
    /// 40 risks. Twelve were last assessed more than 180 days ago (a review date of null or over 180), one High risk has
    /// no decision and one is "Treat" without any action: the detached register (at least 3 and 20 %).
    /// </summary>
    private static readonly StoryRisk[] AcmeRisks =
    [
        new("Unpatched internet-facing services are exploited", "Exploitation of a published vulnerability", 4, 5, 3, 5, "manager", 530, 40, Treat, Platform, Clusters),
        new("Ransomware encrypts production and its backups", "Ransomware", 4, 5, 2, 5, "manager", 530, 55, Treat, CustomerFiles, Clusters),
        new("Administrator credentials are stolen", "Credential theft", 4, 5, 2, 4, "owner", 528, 70, Treat, IdentityProvider),
        new("Backups cannot be restored when needed", "Untested restore procedure", 3, 5, 3, 4, "owner", 528, 35, Treat, Backup, CustomerFiles),
        new("Customer files are exposed through sharing links", "Links without expiry", 3, 4, 2, 4, "manager", 526, 75, Treat, Platform, CustomerFiles),
        new("An insider copies customer files", "Misuse of legitimate access", 2, 5, 2, 3, "manager", 526, 120, Treat, CustomerFiles),
        new("The object-storage supplier has an outage", "Supplier failure", 3, 4, 2, 4, "owner", 524, 90, Transfer, Backup),
        new("Legacy admin accounts sign in without MFA", "Password spraying", 4, 4, 3, 4, "owner", 524, 60, Treat, IdentityProvider),
        new("Secrets are committed to source code", "Leaked credentials", 3, 4, 2, 3, "owner", 522, 100, Treat, Pipelines),
        new("The CI/CD pipeline is compromised", "Supply-chain attack", 2, 5, 2, 4, "owner", 522, 110, Treat, Pipelines),
        new("A laptop with customer data is lost or stolen", "Theft", 3, 3, 2, 2, "manager", 520, 130, Treat, Laptops),
        new("Phishing leads to an account takeover", "Phishing", 4, 4, 3, 3, "manager", 520, 45, Treat, IdentityProvider, Staff),
        new("A DDoS attack makes Acme Transfer unavailable", "Denial of service", 3, 4, 2, 3, "owner", 518, 150, Transfer, Platform),
        new("Logging gaps hide an intrusion", "Undetected intrusion", 3, 4, 3, 3, "owner", 518, 65, Treat, Clusters),
        new("Encryption keys are mishandled", "Key exposure", 2, 5, 2, 4, "manager", 516, 80, Treat, CustomerFiles),
        new("Firewall changes go unreviewed", "Misconfiguration", 3, 3, 2, 3, "owner", 516, 260, Treat, Clusters),
        new("Departing staff keep their access", "Orphaned accounts", 3, 4, 2, 3, "manager", 514, 95, Treat, IdentityProvider, Staff),
        new("Support agents see more customer data than they need", "Excessive access", 3, 3, 2, 3, "manager", 514, 140, Accept, SupportDesk),
        new("Personal data is processed without a lawful basis", "Regulatory breach", 2, 4, 1, 4, "manager", 512, null, Treat, StaffRecords),
        new("The HR supplier leaks payroll data", "Supplier breach", 2, 4, 2, 3, "manager", 512, 160, Transfer, StaffRecords),
        new("One engineer alone knows the backup system", "Key-person dependency", 3, 3, 2, 3, "owner", 510, null, Treat, Backup, Staff),
        new("The storage cluster runs out of capacity", "Capacity exhaustion", 3, 3, 2, 2, "owner", 510, 240, Treat, Clusters),
        new("The cloud account is misconfigured", "Misconfiguration", 3, 4, 2, 4, "owner", 508, 85, Treat, Clusters),
        new("Malware reaches employee laptops", "Malware", 3, 3, 2, 2, "manager", 508, null, Treat, Laptops),
        new("The legacy file store is not encrypted", "Data at rest exposed", 3, 4, 3, 3, "manager", 506, 50, Treat, CustomerFiles),
        new("An untested change breaks production", "Faulty change", 3, 3, 2, 3, "owner", 506, 300, Treat, Platform, Clusters),
        new("Monitoring alerts are missed out of hours", "Slow detection", 3, 4, 3, 3, "owner", 504, 25, Treat, Clusters),
        new("Data is kept longer than contracts allow", "Over-retention", 3, 3, 2, 3, "manager", 504, null, Treat, CustomerFiles),
        new("A third-party library carries a vulnerability", "Vulnerable dependency", 4, 3, 3, 3, "owner", 502, 30, Treat, Pipelines),
        new("New joiners miss the security awareness training", "Human error", 3, 3, 2, 3, "manager", 502, 220, Treat, Staff),
        new("The office is broken into", "Burglary", 2, 3, 1, 3, "manager", 470, null, Accept, Laptops),
        new("Shadow-IT SaaS tools hold customer data", "Unsanctioned services", 3, 3, 3, 3, "manager", 460, 20, null, CustomerFiles, SupportDesk),
        new("Audit logs are tampered with", "Log tampering", 2, 4, 2, 3, "owner", 450, 280, Treat, Clusters),
        new("Privileged access to production is not reviewed", "Privilege creep", 3, 4, 3, 4, "owner", 440, 90, Treat, Clusters, IdentityProvider),
        new("A compromised customer account abuses the API", "API abuse", 3, 3, 2, 3, "owner", 420, 110, Treat, Platform),
        new("The asset inventory is incomplete", "Unknown assets", 3, 3, 2, 3, "manager", 400, 250, Treat, Clusters, Laptops),
        new("Security commitments in customer contracts are not tracked", "Contract breach", 2, 3, 2, 2, "manager", 380, null, Accept, SupportDesk),
        new("The customer portal's DNS is hijacked", "DNS hijack", 2, 5, 2, 4, "owner", 360, 60, Treat, Platform),
        new("The AI support assistant leaks ticket contents", "Prompt injection and data leakage", 3, 4, 3, 4, "manager", 300, 15, null, Assistant, SupportDesk),
        new("Power or cooling fails at the hosting provider", "Facility failure", 2, 4, 1, 4, "owner", 290, 200, Transfer, Backup),
    ];

    /// <summary>
    /// Actions: some done, seven overdue by weeks or months (treatment overdue age), the rest planned. Risk 34
    /// ("Privileged access … not reviewed") is Treat with none: it shows as detached.
    /// </summary>
    private static readonly StoryAction[] AcmeActions =
    [
        new(1, "Patch the edge proxies within 14 days of a critical advisory", 420, 42, TreatmentActionStatus.InProgress),
        new(1, "Automate vulnerability scanning of the public endpoints", 500, 380, TreatmentActionStatus.Done, 390),
        new(2, "Immutable, offline copy of the backup vaults", 500, 300, TreatmentActionStatus.Done, 310),
        new(3, "Hardware keys for every administrator", 490, 200, TreatmentActionStatus.Done, 215),
        new(4, "Quarterly restore test of a full customer vault", 480, 28, TreatmentActionStatus.InProgress),
        new(5, "Expire sharing links after 30 days by default", 480, 150, TreatmentActionStatus.Done, 160),
        new(6, "Alert on bulk downloads by staff accounts", 470, 120, TreatmentActionStatus.Planned, null),
        new(8, "Move the legacy admin accounts to the identity provider with MFA", 400, 63, TreatmentActionStatus.Planned),
        new(9, "Secret scanning in every repository", 470, 330, TreatmentActionStatus.Done, 340),
        new(10, "Signed builds and protected release branches", 460, -45, TreatmentActionStatus.InProgress),
        new(11, "Full-disk encryption enforced by device management", 500, 400, TreatmentActionStatus.Done, 410),
        new(12, "Phishing-resistant MFA for finance and support", 300, 21, TreatmentActionStatus.InProgress),
        new(14, "Send cluster audit logs to the central log store", 350, 35, TreatmentActionStatus.InProgress),
        new(15, "Rotate the storage encryption keys yearly", 450, -60, TreatmentActionStatus.Planned),
        new(17, "Leaver checklist wired to the HR system", 480, 200, TreatmentActionStatus.Done, 230),
        new(21, "Document the backup runbook and train a second engineer", 500, 330, TreatmentActionStatus.Done, 300),
        new(23, "Policy-as-code checks on the cloud account", 420, -30, TreatmentActionStatus.InProgress),
        new(25, "Migrate the legacy file store to encrypted volumes", 450, 90, TreatmentActionStatus.InProgress),
        new(27, "Out-of-hours on-call rota with paging", 200, 14, TreatmentActionStatus.Planned),
        new(29, "Dependency updates weekly with automated tests", 400, -20, TreatmentActionStatus.InProgress),
        new(35, "Rate limits per customer API key", 400, 250, TreatmentActionStatus.Done, 260),
        new(38, "DNSSEC and registrar lock on the portal domain", 350, -90, TreatmentActionStatus.Planned),
    ];

    /// <summary>Controls that do not apply, with the justification the SoA carries.</summary>
    private static readonly Dictionary<string, string> AcmeNotApplicable = new()
    {
        ["A.7.11"] = "Power and cooling are the hosting provider's, covered by its own ISO/IEC 27001 certificate.",
        ["A.7.12"] = "Cabling is the hosting provider's, covered by its own ISO/IEC 27001 certificate.",
        ["A.8.30"] = "No development is outsourced.",
    };

    private static readonly Dictionary<string, ImplementationStatus> AcmeNotYetImplemented = new()
    {
        ["A.5.7"] = ImplementationStatus.PartiallyImplemented,
        ["A.8.11"] = ImplementationStatus.Planned,
        ["A.8.12"] = ImplementationStatus.PartiallyImplemented,
        ["A.5.30"] = ImplementationStatus.PartiallyImplemented,
    };

    /// <summary>The key controls with an evidence cadence (days); the rest hold their policy evidence once.</summary>
    private static readonly Dictionary<string, int> AcmeCadences = new()
    {
        ["A.8.8"] = 30, ["A.8.13"] = 30, ["A.8.15"] = 30, ["A.8.16"] = 30, ["A.5.15"] = 90, ["A.5.18"] = 90,
        ["A.8.7"] = 90, ["A.8.32"] = 90, ["A.8.5"] = 90, ["A.6.3"] = 365, ["A.5.24"] = 365, ["A.5.19"] = 365,
    };

    private async Task TellDriftingAsync(CancellationToken cancellationToken)
    {
        await AddAssetsAsync(
        [
            (Platform, AssetType.Service, Classification.Confidential, null), (Backup, AssetType.Service, Classification.Confidential, null),
            (CustomerFiles, AssetType.Information, Classification.Restricted, null), (Clusters, AssetType.System, Classification.Confidential, null),
            (Pipelines, AssetType.System, Classification.Confidential, null), (IdentityProvider, AssetType.System, Classification.Confidential, null),
            (Laptops, AssetType.Device, Classification.Internal, null), (SupportDesk, AssetType.Service, Classification.Confidential, null),
            (StaffRecords, AssetType.Information, Classification.Restricted, null), (Staff, AssetType.People, Classification.Internal, null),
        ], 535, cancellationToken);
        // The assistant came later, with its supplier (supplier-api's "AssistAI").
        await AddAssetsAsync([(Assistant, AssetType.AiSystem, Classification.Confidential, "AssistAI")], 305, cancellationToken);
        await AddRisksAsync(AcmeRisks, cancellationToken);

        // The SoA is decided a month before it is published, then published ahead of the first internal audit.
        await DecideSoaAsync(495, AcmeNotApplicable, AcmeNotYetImplemented, AcmeCadences, cancellationToken);
        await TellAcmeEvidenceAsync(cancellationToken);
        await PublishSoaAsync(_timeline.DaysAgo(_timeline.SoaPublished), "First Statement of Applicability, for the internal audit and certification.", cancellationToken);
        await AddActionsAsync(AcmeActions, cancellationToken);
        await TellAcmeExceptionsAsync(cancellationToken);
        await TellAcmeIncidentsAsync(cancellationToken);
    }

    /// <summary>
    /// Evidence: the policy records once, then the key controls' records gathered in the month before each audit
    /// (T-470…T-441, T-360…T-331, T-90…T-61) and hardly in between — the audit-centric governance pattern. A.8.8, A.8.13
    /// and A.8.16 (30-day cadence) were last evidenced two months ago and A.5.18 before the certification: stale.
    /// A.8.5 has a cadence and no evidence at all: missing.
    /// </summary>
    private async Task TellAcmeEvidenceAsync(CancellationToken cancellationToken)
    {
        foreach (var reference in _controls.Keys.Where(r => !AcmeNotApplicable.ContainsKey(r) && !AcmeCadences.ContainsKey(r)).Order(StringComparer.Ordinal))
        {
            await RecordEvidenceAsync(reference, 490, 30, "Approved policy and the record of its communication", cancellationToken);
        }

        string[] keyControls = ["A.8.8", "A.8.13", "A.8.15", "A.8.16", "A.5.15", "A.5.18", "A.8.7", "A.8.32", "A.6.3", "A.5.24", "A.5.19"];
        foreach (var (reference, index) in keyControls.Select((r, i) => (r, i)))
        {
            await RecordEvidenceAsync(reference, 468 - (index * 2), 60, $"{reference} records gathered for the internal audit", cancellationToken);
        }

        foreach (var (reference, index) in keyControls.Select((r, i) => (r, i)))
        {
            await RecordEvidenceAsync(reference, 358 - (index * 2), 90, $"{reference} records gathered for the certification audit", cancellationToken);
        }

        string[] beforeSecondAudit = ["A.8.8", "A.8.13", "A.8.16", "A.5.15", "A.8.32", "A.5.24"];
        foreach (var (reference, index) in beforeSecondAudit.Select((r, i) => (r, i)))
        {
            await RecordEvidenceAsync(reference, 75 - (index * 2), 60, $"{reference} records gathered for the second internal audit", cancellationToken);
        }

        // In between, only what the tooling sends by itself.
        await RecordEvidenceAsync("A.8.15", 200, 30, "Log retention report", cancellationToken);
        await RecordEvidenceAsync("A.8.7", 20, 90, "Endpoint protection coverage report", cancellationToken);
        await RecordEvidenceAsync("A.8.15", 5, 30, "Log retention report", cancellationToken);
    }

    /// <summary>
    /// The seed's warning: exceptions that age quietly. A.8.8 renewed twice (permanent), A.8.5 a year old and expired
    /// without being closed, A.5.23 closed and asked for again within 30 days (it continues, keeping its first grant),
    /// and three younger ones, one per age bucket.
    /// </summary>
    private async Task TellAcmeExceptionsAsync(CancellationToken cancellationToken)
    {
        var patching = await GrantExceptionAsync("A.8.8", 1, 421, 250, "The edge proxies cannot be patched within the SLA until they are replaced.", cancellationToken);
        await RenewExceptionAsync(patching, 255, 85, cancellationToken);
        await RenewExceptionAsync(patching, 90, -85, cancellationToken);

        var legacyAdmins = await GrantExceptionAsync("A.8.5", 8, 401, 225, "Legacy admin accounts cannot use the identity provider's MFA yet.", cancellationToken);
        await RenewExceptionAsync(legacyAdmins, 230, 55, cancellationToken);

        var cloud = await GrantExceptionAsync("A.5.23", 23, 331, 160, "The old cloud account cannot meet the cloud-services policy before the migration.", cancellationToken);
        await CloseExceptionAsync(cloud, 170, "The migration is finished.", cancellationToken);
        await GrantExceptionAsync("A.5.23", 23, 150, -30, "The migrated account still lacks the organisation policies; they follow next quarter.", cancellationToken);

        await GrantExceptionAsync("A.8.13", 4, 151, -25, "Restore tests of the largest vaults need hardware that arrives next quarter.", cancellationToken);
        await GrantExceptionAsync("A.8.24", 15, 71, -100, "The legacy file store cannot be encrypted in place; it is migrated instead.", cancellationToken);
        await GrantExceptionAsync("A.8.16", 27, 21, -70, "Out-of-hours paging starts with the new on-call rota.", cancellationToken);
    }

    /// <summary>
    /// Incidents: two traced to controls (one by a lesson, one by a change of the failed control's cadence), one linked
    /// to a failed control and left at that (untraced; a paper control), one closed as "no control applies", one open.
    /// </summary>
    private async Task TellAcmeIncidentsAsync(CancellationToken cancellationToken)
    {
        var malware = await RecordIncidentAsync("Malware in a customer upload reached a support laptop", IncidentSeverity.Medium, 210, 209, 205,
            [("A.8.7", ControlRole.Failed), ("A.8.15", ControlRole.Helped)], [24], "An agent opened an uploaded file to reproduce a ticket.", cancellationToken);
        await AddLessonAsync(malware, "Scan customer uploads before support can open them", 24, 204, 150, 160, cancellationToken);
        await CloseIncidentAsync(malware, 200, null, cancellationToken);

        var links = await RecordIncidentAsync("Customer files shared through a link that never expired", IncidentSeverity.High, 80, 78, 77,
            [("A.8.3", ControlRole.Failed)], [5], "A customer's former contractor could still download files a year later.", cancellationToken);
        await CloseIncidentAsync(links, 70, null, cancellationToken);

        var phishing = await RecordIncidentAsync("Finance employee phished; a mailbox rule forwarded invoices", IncidentSeverity.Medium, 130, 129, 128,
            [], [12], "Caught by the bank's fraud check.", cancellationToken);
        await CloseIncidentAsync(phishing, 125, "Handled by the mail provider's own controls; none of ours applied.", cancellationToken);

        var backup = await RecordIncidentAsync("Nightly backup job failed silently for nine days", IncidentSeverity.High, 45, 36, 35,
            [("A.8.13", ControlRole.Failed)], [4], "A credential rotation broke the job; no alert fired.", cancellationToken);
        await ChangeCadenceAsync("A.8.13", 7, 34, cancellationToken);
        await CloseIncidentAsync(backup, 30, null, cancellationToken);

        await RecordIncidentAsync("Repeated failed sign-ins on the admin console", IncidentSeverity.Low, 6, 6, null,
            [("A.8.5", ControlRole.Helped)], [8], "Blocked by rate limits; still being investigated.", cancellationToken);
    }
}
