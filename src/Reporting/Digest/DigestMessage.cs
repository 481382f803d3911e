using System.Text;

namespace IsmsCloud.Reporting.Digest;

/// <summary>A member's digest as a plain-text mail: the subject says how much is overdue, the body lists each item with its link.</summary>
public sealed record DigestMessage(string To, string Subject, string Body)
{
    public static DigestMessage For(MemberDigest digest, Uri workspace)
    {
        var counts = new List<string>();
        if (digest.Overdue > 0)
        {
            counts.Add($"{digest.Overdue} overdue");
        }

        if (digest.DueSoon > 0 || digest.Overdue > 0)
        {
            counts.Add(digest.Overdue > 0 ? $"{digest.DueSoon} due soon" : $"{digest.DueSoon} due within {WorkDigest.DueSoonDays} days");
        }

        if (digest.ToDecide > 0)
        {
            counts.Add($"{digest.ToDecide} to decide");
        }

        var subject = $"IsmsCloud: {string.Join(", ", counts)} ({digest.Day:yyyy-MM-dd})";
        var body = new StringBuilder();
        body.AppendLine($"What is yours in IsmsCloud on {digest.Day:yyyy-MM-dd}: {digest.Overdue} overdue, {digest.DueSoon} due within {WorkDigest.DueSoonDays} days, {digest.ToDecide} to decide.");
        Section(body, "Overdue", digest.Items.Where(i => i.IsOverdue(digest.Day)), digest.Day, workspace);
        Section(body, "Due soon", digest.Items.Where(i => !i.IsDecision && !i.IsOverdue(digest.Day)), digest.Day, workspace);
        Section(body, "To decide", digest.Items.Where(i => i.IsDecision), digest.Day, workspace);
        body.AppendLine();
        body.AppendLine($"Everything of yours on one page: {new Uri(workspace, "my-work")}");
        return new DigestMessage(digest.Email, subject, body.ToString());
    }

    private static void Section(StringBuilder body, string heading, IEnumerable<DigestItem> items, DateOnly today, Uri workspace)
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            return;
        }

        body.AppendLine().AppendLine(heading);
        foreach (var item in list)
        {
            body.AppendLine($"- {item.Kind}: {item.Title} ({item.When(today)})");
            body.AppendLine($"  {new Uri(workspace, item.Path)}");
        }
    }
}
