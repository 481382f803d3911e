using IsmsCloud.Audits.AccessReviews;
using IsmsCloud.Audits.Actions;
using IsmsCloud.Audits.Findings;
using IsmsCloud.Contracts.Events;

namespace IsmsCloud.Audits.Demo;

/// <summary>The two tenants' audit programmes: the figures each feeds are named in the comments.</summary>
public sealed partial class AuditDemoStory
{
    private const string AcmeScope = "Acme Transfer and Acme Backup: the platform, its operations and support, and the people who run them.";
    private const string CalmScope = "Calm Scheduling: the SaaS platform, its development and operations, and customer support.";
    private const string Aws = "AWS production";
    private const string Workspace = "Google Workspace";

    private const CorrectiveActionStatus Open = CorrectiveActionStatus.Open;
    private const CorrectiveActionStatus InProgress = CorrectiveActionStatus.InProgress;
    private const CorrectiveActionStatus Closed = CorrectiveActionStatus.Closed;

    /// <summary>
    /// Acme Cloud. Three audits held (T-440 internal, T-330 certification, T-60 internal) and the surveillance audit
    /// planned in 40 days. The weak patching found by the first (A.8.8) is found again by the other
    /// two, and leavers' access (A.5.18) again by the third: of the six findings of the last year (the improvement
    /// opportunity does not count), three recur — signal 3's rate 0.5, and A.8.8 and A.5.18 join PaperControls.
    /// Corrective actions: four open, three of them overdue, the oldest by 280 days (signal 9). Access reviews: the H1
    /// campaign complete, the H2 one overdue with 5 of 12 decided and a revocation not verified (signal 4: 13 of 20).
    /// </summary>
    private async Task TellDriftingAsync(CancellationToken cancellationToken)
    {
        var firstStart = _timeline.DaysAgo(_timeline.FirstInternalAudit);
        var first = await AuditAsync("Internal audit 2025: ISMS clauses and Annex A", AuditKind.Internal, firstStart, 3, firstStart, AcmeScope, cancellationToken);
        var patching = await FindingAsync(first, FindingKind.MinorNonconformity, "A.8.8",
            "Critical patches on 3 of 12 internet-facing hosts were more than 45 days old; the vulnerability management standard allows 14.",
            firstStart - 1, RootCauseCategory.Process, "Patching follows one engineer's calendar; nobody tracks the 14-day target.", cancellationToken);
        var leavers = await FindingAsync(first, FindingKind.MinorNonconformity, "A.5.18",
            "Two people who left in the spring kept their VPN and Git access for three weeks.",
            firstStart - 1, RootCauseCategory.Process, "HR tells IT about leavers by e-mail; nothing makes sure it is acted on.", cancellationToken);
        await FindingAsync(first, FindingKind.Observation, "7.2",
            "Competence records of the on-call engineers are incomplete: two of five have none.", firstStart - 2, null, null, cancellationToken);
        await ActionAsync(patching, "Track the 14-day patch target for internet-facing hosts in the scanner", "owner", firstStart - 3, firstStart - 40, Closed,
            closedDaysAgo: firstStart - 35, checkedDaysAgo: firstStart - 130, cancellationToken: cancellationToken);
        await ActionAsync(leavers, "Open a ticket for every leaver from the HR system", "owner", firstStart - 3, firstStart - 50, Closed,
            closedDaysAgo: firstStart - 55, checkedDaysAgo: firstStart - 150, cancellationToken: cancellationToken);

        var certificationStart = _timeline.DaysAgo(_timeline.CertificationAudit);
        var certification = await AuditAsync("Certification audit, stage 2", AuditKind.Certification, certificationStart, 3, certificationStart, AcmeScope, cancellationToken);
        var patchingAgain = await FindingAsync(certification, FindingKind.MinorNonconformity, "A.8.8",
            "Two internet-facing hosts missed the 14-day patch target in the sampled quarter.",
            certificationStart - 1, RootCauseCategory.Resources, "The scanner reports the target, but no one is given time to act on its report.", cancellationToken);
        await FindingAsync(certification, FindingKind.Observation, "A.8.15",
            "Cluster audit logs are kept for 30 days; the logging standard says 90.", certificationStart - 1, null, null, cancellationToken);
        var cloud = await FindingAsync(certification, FindingKind.MinorNonconformity, "A.5.23",
            "Two cloud services in scope have no security assessment on file.",
            certificationStart - 2, RootCauseCategory.Process, "Cloud services bought by card bypass the supplier process.", cancellationToken);
        await ActionAsync(patchingAgain, "Review the patch target weekly in the operations meeting", "owner", certificationStart - 4, 280, InProgress,
            cancellationToken: cancellationToken);
        await ActionAsync(cloud, "Assess both cloud services against the supplier policy", "manager", certificationStart - 4, 250, Closed,
            closedDaysAgo: 245, checkedDaysAgo: 150, cancellationToken: cancellationToken);

        var secondStart = _timeline.DaysAgo(_timeline.SecondInternalAudit);
        var second = await AuditAsync("Internal audit 2026: ISMS clauses and Annex A", AuditKind.Internal, secondStart, 3, secondStart, AcmeScope, cancellationToken);
        var patchingThird = await FindingAsync(second, FindingKind.MinorNonconformity, "A.8.8",
            "Four hosts missed the patch target; the weekly review agreed after the certification audit never started.",
            secondStart - 1, RootCauseCategory.Process, "The corrective action was accepted and not resourced.", cancellationToken);
        var contractor = await FindingAsync(second, FindingKind.MinorNonconformity, "A.5.18",
            "A contractor's administrator account stayed active for 40 days after the contract ended.",
            secondStart - 1, RootCauseCategory.Process, "Contractors are not in the HR system, so the leaver tickets miss them.", cancellationToken);
        var restore = await FindingAsync(second, FindingKind.MinorNonconformity, "A.8.13",
            "No restore of the customer-file backups has been tested in the last twelve months.",
            secondStart - 2, RootCauseCategory.Resources, "The only engineer who knows the backup system was on other work.", cancellationToken);
        await FindingAsync(second, FindingKind.OpportunityForImprovement, "6.1.2",
            "Likelihood scores could be calibrated against the incident register.", secondStart - 2, null, null, cancellationToken);
        await ActionAsync(patchingThird, "Move internet-facing hosts to the managed patching service", "owner", secondStart - 4, 20, Open, cancellationToken: cancellationToken);
        await ActionAsync(contractor, "Reconcile contractor accounts with their contracts every month", "manager", secondStart - 4, 10, InProgress,
            cancellationToken: cancellationToken);
        await ActionAsync(restore, "Test a restore of the customer-file backups every quarter", "owner", secondStart - 4, -30, Open, cancellationToken: cancellationToken);

        await AuditAsync("Surveillance audit 1", AuditKind.Surveillance, _timeline.DaysAgo(_timeline.SurveillanceAudit), 2, null, AcmeScope, cancellationToken);

        await CampaignAsync(Aws, "AWS production access, first half", 230, 200,
        [
            new("Dana Ortiz", "dana.ortiz", "AdministratorAccess", true, ReviewDecision.Keep, "Platform lead; on call for production."),
            new("Lee Chan", "lee.chan", "ReadOnlyAccess", false, ReviewDecision.Keep),
            new("Sam Patel", "sam.patel", "PowerUserAccess", true, ReviewDecision.Keep, "Runs the backup platform."),
            new("Ana Silva", "ana.silva", "ReadOnlyAccess", false, ReviewDecision.Revoke, "Left the company in May.", Verified: true),
            new("Build pipeline", "svc-build", "ECR push;S3 artifacts", false, ReviewDecision.Keep),
            new("Jo Meyer", "jo.meyer", "PowerUserAccess", true, ReviewDecision.Modify, "Moved to support: read-only is enough.", Verified: true),
            new("Kim Berg", "kim.berg", "ReadOnlyAccess", false, ReviewDecision.Keep),
            new("Ola Nord", "ola.nord", "Billing", false, ReviewDecision.Keep),
        ], closedDaysAgo: 205, cancellationToken);
        await CampaignAsync(Aws, "AWS production access, second half", 45, 20,
        [
            new("Dana Ortiz", "dana.ortiz", "AdministratorAccess", true, ReviewDecision.Keep, "Platform lead; on call for production."),
            new("Lee Chan", "lee.chan", "ReadOnlyAccess", false, ReviewDecision.Keep),
            new("Build pipeline", "svc-build", "ECR push;S3 artifacts", false, ReviewDecision.Keep),
            new("Ivo Petrov (contractor)", "ivo.petrov", "PowerUserAccess", true, ReviewDecision.Revoke, "The contract ended in October."),
            new("Kim Berg", "kim.berg", "ReadOnlyAccess", false, ReviewDecision.Keep),
            new("Sam Patel", "sam.patel", "PowerUserAccess", true),
            new("Jo Meyer", "jo.meyer", "ReadOnlyAccess", false),
            new("Ola Nord", "ola.nord", "Billing", false),
            new("Max Roth", "max.roth", "AdministratorAccess", true),
            new("Noor Aziz", "noor.aziz", "S3 read (customer files)", true),
            new("Eli Park", "eli.park", "ReadOnlyAccess", false),
            new("Deploy pipeline", "svc-deploy", "EKS deploy;ECR pull", true),
        ], closedDaysAgo: null, cancellationToken);
    }

    /// <summary>
    /// Calm Systems. Its own programme (<see cref="BuildingBlocks.Demo.DemoTimeline"/>): internal audit, certification
    /// audit, a second internal audit and the surveillance audit a fortnight ago. Each finds something new and small (no
    /// recurrence: signal 3's rate 0 over the year's two findings), every corrective action is closed (signal 9: none
    /// open), and the access review due this year is complete with its revocation verified (signal 4: 6 of 6); the next
    /// one is under way.
    /// </summary>
    private async Task TellHealthyAsync(CancellationToken cancellationToken)
    {
        var firstStart = _timeline.DaysAgo(_timeline.FirstInternalAudit);
        var first = await AuditAsync("Internal audit 2025", AuditKind.Internal, firstStart, 2, firstStart, CalmScope, cancellationToken);
        var inventory = await FindingAsync(first, FindingKind.MinorNonconformity, "A.5.9",
            "Four laptops issued this year are missing from the asset inventory.",
            firstStart - 1, RootCauseCategory.Process, "Laptops bought outside the standard order were not registered.", cancellationToken);
        await ActionAsync(inventory, "Register every device at purchase, whichever way it is bought", "owner", firstStart - 3, firstStart - 30, Closed,
            closedDaysAgo: firstStart - 20, checkedDaysAgo: firstStart - 115, cancellationToken: cancellationToken);

        var certificationStart = _timeline.DaysAgo(_timeline.CertificationAudit);
        var certification = await AuditAsync("Certification audit, stage 2", AuditKind.Certification, certificationStart, 2, certificationStart, CalmScope, cancellationToken);
        var changes = await FindingAsync(certification, FindingKind.Observation, "A.8.32",
            "Emergency changes are approved after the fact; the review is not recorded.", certificationStart - 1, null, null, cancellationToken);
        await ActionAsync(changes, "Record the after-the-fact review of every emergency change", "owner", certificationStart - 3, certificationStart - 30, Closed,
            closedDaysAgo: certificationStart - 25, checkedDaysAgo: certificationStart - 120, cancellationToken: cancellationToken);

        var secondStart = _timeline.DaysAgo(_timeline.SecondInternalAudit);
        var second = await AuditAsync("Internal audit 2026", AuditKind.Internal, secondStart, 2, secondStart, CalmScope, cancellationToken);
        var awareness = await FindingAsync(second, FindingKind.Observation, "A.6.3",
            "Awareness training completion is 96 %: two new joiners had not finished it.", secondStart - 1, null, null, cancellationToken);
        await FindingAsync(second, FindingKind.OpportunityForImprovement, "7.5.3",
            "Policy owners could be reminded of review dates automatically.", secondStart - 1, null, null, cancellationToken);
        await ActionAsync(awareness, "Make the training part of the joiners' first week", "owner", secondStart - 3, secondStart - 20, Closed,
            closedDaysAgo: secondStart - 15, cancellationToken: cancellationToken);

        var surveillanceStart = _timeline.DaysAgo(_timeline.SurveillanceAudit);
        var surveillance = await AuditAsync("Surveillance audit 1", AuditKind.Surveillance, surveillanceStart, 1, surveillanceStart, CalmScope, cancellationToken);
        await FindingAsync(surveillance, FindingKind.Observation, "A.5.30",
            "The continuity exercise is planned for next quarter; the last one was 11 months ago.", surveillanceStart, null, null, cancellationToken);

        await CampaignAsync(Workspace, "Google Workspace administrators and shared drives", 120, 90,
        [
            new("Mia Lund", "mia.lund", "Super admin", true, ReviewDecision.Keep, "Owns the Workspace tenant."),
            new("Tom Reed", "tom.reed", "Groups admin", true, ReviewDecision.Keep, "Runs onboarding."),
            new("Eva Holm", "eva.holm", "Shared drive: Finance", false, ReviewDecision.Keep),
            new("Raj Iyer", "raj.iyer", "Shared drive: Engineering", false, ReviewDecision.Keep),
            new("Lia Kovac", "lia.kovac", "Shared drive: Finance", false, ReviewDecision.Revoke, "Moved from finance to sales.", Verified: true),
            new("Backup service", "svc-backup", "Drive read (all)", true, ReviewDecision.Keep, "The backup service reads every drive."),
        ], closedDaysAgo: 95, cancellationToken);
        await CampaignAsync(Workspace, "Google Workspace administrators and shared drives, next round", 10, -20,
        [
            new("Mia Lund", "mia.lund", "Super admin", true, ReviewDecision.Keep, "Owns the Workspace tenant."),
            new("Tom Reed", "tom.reed", "Groups admin", true, ReviewDecision.Keep, "Runs onboarding."),
            new("Eva Holm", "eva.holm", "Shared drive: Finance", false),
            new("Raj Iyer", "raj.iyer", "Shared drive: Engineering", false),
            new("Lia Kovac", "lia.kovac", "Shared drive: Sales", false),
            new("Backup service", "svc-backup", "Drive read (all)", true),
        ], closedDaysAgo: null, cancellationToken);
    }
}
