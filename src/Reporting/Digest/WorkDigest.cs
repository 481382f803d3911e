using IsmsCloud.Contracts.Events;
using IsmsCloud.Reporting.Facts;
using IsmsCloud.Reporting.Signals;

namespace IsmsCloud.Reporting.Digest;

/// <summary>
/// One thing a member has to do, as the daily digest lists it: what, where in the workspace, and by when. A decision
/// without a date (a review task, a questionnaire to review) has no <see cref="DueOn"/>; <see cref="Since"/> says how
/// long it has waited.
/// </summary>
public sealed record DigestItem(string Kind, string Title, DateOnly? DueOn, string Path, DateOnly? Since = null)
{
    public bool IsOverdue(DateOnly today) => DueOn < today;

    public bool IsDecision => DueOn is null;

    /// <summary>"overdue by 3 days", "due today", "due in 5 days (2026-12-08)", "waiting since 2026-11-20": words, as the My work page says it.</summary>
    public string When(DateOnly today) => DueOn switch
    {
        null => Since is { } since ? $"waiting since {since:yyyy-MM-dd}" : "to decide",
        { } due when due < today => $"overdue by {Days(today.DayNumber - due.DayNumber)}",
        { } due when due == today => "due today",
        { } due => $"due in {Days(due.DayNumber - today.DayNumber)} ({due:yyyy-MM-dd})",
    };

    private static string Days(int n) => n == 1 ? "1 day" : $"{n} days";
}

/// <summary>A member's digest of one day: their items, overdue first (most overdue on top), then soonest due, then the decisions waiting longest.</summary>
public sealed record MemberDigest(string Email, DateOnly Day, IReadOnlyList<DigestItem> Items)
{
    public int Overdue => Items.Count(i => i.IsOverdue(Day));

    public int DueSoon => Items.Count(i => !i.IsDecision) - Overdue;

    public int ToDecide => Items.Count(i => i.IsDecision);
}

/// <summary>
/// Who has what to do today, from reporting's facts (no calling back), by the same rules as the My work page: the open
/// treatment and corrective actions they own that are overdue or due within <see cref="DueSoonDays"/>, the evidence due
/// by cadence on the controls they own, the exceptions on their controls ending in that time or past their last day
/// and not closed, the open access-review campaigns they review due in that time, the open review tasks on the risks
/// and controls they own, and the answered questionnaires on the suppliers they own or the assessments they opened.
/// An item goes to its person only, and only active members get a digest.
/// </summary>
public static class WorkDigest
{
    /// <summary>As on My work: overdue items and those due within this many days.</summary>
    public const int DueSoonDays = 14;

    public static IReadOnlyList<MemberDigest> Compose(FactsAsOf facts, DateOnly today)
    {
        var horizon = today.AddDays(DueSoonDays);
        var active = facts.Members.Where(m => m.State.Status == MemberStatus.Active)
            .Select(m => m.State.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var items = new List<(string Owner, DigestItem Item)>();

        // A deleted risk takes its actions with it, as in the figures.
        var risks = facts.Risks.ToDictionary(r => r.Id, r => r.State);
        items.AddRange(facts.Actions
            .Where(a => risks.ContainsKey(a.State.RiskId) && a.State.Status is "Planned" or "InProgress" && a.State.DueOn <= horizon)
            .Select(a => (a.State.Owner, new DigestItem("Treatment action", a.State.Title, a.State.DueOn, $"risks/{a.State.RiskId}"))));

        items.AddRange(facts.CorrectiveActions
            .Where(a => a.State.IsOpen && a.State.DueOn <= horizon)
            .Select(a => (a.State.Owner, new DigestItem("Corrective action", a.State.Title, a.State.DueOn, $"findings/{a.State.FindingId}"))));

        // Evidence is due one cadence after the newest coverage ends; with none recorded, today.
        var newest = facts.Evidence.GroupBy(e => e.State.ControlId).ToDictionary(g => g.Key, g => g.Max(e => e.State.CoversTo));
        foreach (var control in facts.Controls)
        {
            if (control.State is not { Applicable: true, EvidenceCadenceDays: > 0 and var cadence, Owner: { } owner })
            {
                continue;
            }

            var due = newest.TryGetValue(control.Id, out var coversTo) ? coversTo.AddDays(cadence) : today;
            if (due <= horizon)
            {
                items.Add((owner, new DigestItem("Evidence", $"{control.State.Reference} {control.State.Title}", due, $"soa/controls/{control.Id}")));
            }
        }

        var controls = facts.Controls.ToDictionary(c => c.Id, c => c.State);
        foreach (var exception in facts.Exceptions)
        {
            if (exception.State is { State: ExceptionState.Granted, ExpiresOn: { } expires } && expires <= horizon
                && controls.TryGetValue(exception.State.ControlId, out var control) && control.Owner is { } owner)
            {
                items.Add((owner, new DigestItem("Exception ending", $"{exception.State.ControlReference} {control.Title}", expires, $"risks/{exception.State.RiskId}")));
            }
        }

        // Access reviews are decided by their reviewers; each of them is told (facts from before reviewers travelled name none).
        foreach (var campaign in facts.AccessReviews)
        {
            if (campaign.State is { Status: "Open", Reviewers: { } reviewers } && campaign.State.DueOn <= horizon)
            {
                var title = campaign.State.Title is { Length: > 0 } t ? $"{t} ({campaign.State.System})" : campaign.State.System;
                items.AddRange(reviewers.Select(r => (r, new DigestItem("Access review", title, campaign.State.DueOn, $"access-reviews/{campaign.Id}"))));
            }
        }

        // A review task is the subject's owner's; one on a deleted risk or control went with it.
        foreach (var task in facts.ReviewTasks.Where(t => t.State.IsOpen))
        {
            (string? Owner, string Name, string Path) subject = task.State.Subject switch
            {
                "Risk" when risks.TryGetValue(task.State.SubjectId, out var risk) => (risk.Owner, risk.Title, $"risks/{task.State.SubjectId}"),
                "Control" when controls.TryGetValue(task.State.SubjectId, out var control) =>
                    (control.Owner, $"{control.Reference} {control.Title}", $"soa/controls/{task.State.SubjectId}"),
                _ => (null, "", ""),
            };
            if (subject.Owner is { } owner)
            {
                items.Add((owner, new DigestItem($"{task.State.Subject} review", $"{subject.Name} ({task.State.Reason})", null, subject.Path,
                    DateOnly.FromDateTime(task.State.OpenedAt.UtcDateTime))));
            }
        }

        // An answered questionnaire is reviewed by the supplier's owner; whoever opened the assessment follows it too.
        var suppliers = facts.Suppliers.ToDictionary(s => s.Id, s => s.State);
        foreach (var questionnaire in facts.Questionnaires.Where(q => q.State.Status == "Submitted"))
        {
            if (!suppliers.TryGetValue(questionnaire.State.SupplierId, out var supplier))
            {
                continue;
            }

            var item = new DigestItem("Questionnaire to review", $"{supplier.LegalName}: {questionnaire.State.Title}", null,
                $"suppliers/{questionnaire.State.SupplierId}", questionnaire.State.SubmittedAt is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : null);
            foreach (var person in new[] { supplier.Owner, questionnaire.State.CreatedBy }.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase))
            {
                items.Add((person, item));
            }
        }

        return items
            .Where(i => active.Contains(i.Owner))
            .GroupBy(i => i.Owner, StringComparer.OrdinalIgnoreCase)
            .Select(g => new MemberDigest(g.Key.ToLowerInvariant(), today,
                g.Select(i => i.Item).OrderBy(i => i.DueOn ?? DateOnly.MaxValue).ThenBy(i => i.Since ?? DateOnly.MaxValue)
                    .ThenBy(i => i.Title, StringComparer.Ordinal).ToList()))
            .OrderBy(d => d.Email, StringComparer.Ordinal)
            .ToList();
    }
}
