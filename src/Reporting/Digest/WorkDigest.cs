using IsmsCloud.Contracts.Events;
using IsmsCloud.Reporting.Facts;
using IsmsCloud.Reporting.Signals;

namespace IsmsCloud.Reporting.Digest;

/// <summary>One thing a member has to do, as the daily digest lists it: what, where in the workspace, and by when.</summary>
public sealed record DigestItem(string Kind, string Title, DateOnly DueOn, string Path)
{
    public bool IsOverdue(DateOnly today) => DueOn < today;

    /// <summary>"overdue by 3 days", "due today", "due in 5 days (2026-12-08)": words, as the My work page says it.</summary>
    public string When(DateOnly today) => DueOn switch
    {
        var due when due < today => $"overdue by {Days(today.DayNumber - due.DayNumber)}",
        var due when due == today => "due today",
        var due => $"due in {Days(due.DayNumber - today.DayNumber)} ({due:yyyy-MM-dd})",
    };

    private static string Days(int n) => n == 1 ? "1 day" : $"{n} days";
}

/// <summary>A member's digest of one day: their items, overdue first (most overdue on top), then soonest due.</summary>
public sealed record MemberDigest(string Email, DateOnly Day, IReadOnlyList<DigestItem> Items)
{
    public int Overdue => Items.Count(i => i.IsOverdue(Day));

    public int DueSoon => Items.Count - Overdue;
}

/// <summary>
/// Who has what to do today, from reporting's facts (no calling back): the open treatment and corrective actions they
/// own that are overdue or due within <see cref="DueSoonDays"/>, the evidence due by cadence on the controls they own,
/// and the exceptions on their controls ending in that time or past their last day and not closed. The same rules as
/// the My work page; an item goes to its owner only, and only active members get a digest. What the facts do not name
/// a person for (review tasks, access-review decisions, questionnaires to review) stays on My work.
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
        var risks = facts.Risks.Select(r => r.Id).ToHashSet();
        items.AddRange(facts.Actions
            .Where(a => risks.Contains(a.State.RiskId) && a.State.Status is "Planned" or "InProgress" && a.State.DueOn <= horizon)
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

        return items
            .Where(i => active.Contains(i.Owner))
            .GroupBy(i => i.Owner, StringComparer.OrdinalIgnoreCase)
            .Select(g => new MemberDigest(g.Key.ToLowerInvariant(), today,
                g.Select(i => i.Item).OrderBy(i => i.DueOn).ThenBy(i => i.Title, StringComparer.Ordinal).ToList()))
            .OrderBy(d => d.Email, StringComparer.Ordinal)
            .ToList();
    }
}
