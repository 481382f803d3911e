using System.Text;

namespace IsmsCloud.Reporting.Digest;

/// <summary>A member's digest as a plain-text mail: the subject says how much is overdue, the body lists each item with its link.</summary>
public sealed record DigestMessage(string To, string Subject, string Body)
{
    public static DigestMessage For(MemberDigest digest, Uri workspace)
    {
        var subject = digest.Overdue > 0
            ? $"IsmsCloud: {digest.Overdue} overdue, {digest.DueSoon} due soon ({digest.Day:yyyy-MM-dd})"
            : $"IsmsCloud: {digest.DueSoon} due within {WorkDigest.DueSoonDays} days ({digest.Day:yyyy-MM-dd})";
        var body = new StringBuilder();
        body.AppendLine($"What is yours in IsmsCloud on {digest.Day:yyyy-MM-dd}: {digest.Overdue} overdue, {digest.DueSoon} due within {WorkDigest.DueSoonDays} days.");
        Section(body, "Overdue", digest.Items.Where(i => i.IsOverdue(digest.Day)), digest.Day, workspace);
        Section(body, "Due soon", digest.Items.Where(i => !i.IsOverdue(digest.Day)), digest.Day, workspace);
        body.AppendLine();
        body.AppendLine($"Everything of yours, reviews and decisions included: {new Uri(workspace, "my-work")}");
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
