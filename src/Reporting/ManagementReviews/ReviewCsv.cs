using System.Globalization;
using System.Text;

namespace IsmsCloud.Reporting.ManagementReviews;

/// <summary>The decisions and the actions they request, one row per action (a decision without one gets one row).</summary>
public static class ReviewCsv
{
    public static readonly string[] Header =
        ["reviewId", "reviewDate", "reviewStatus", "decisionId", "kind", "summary", "links", "requestId", "riskId", "riskTitle", "actionTitle", "owner", "dueOn"];

    public static string Write(ManagementReview review, IReadOnlyList<DecisionRecord> decisions)
    {
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', Header));
        foreach (var d in decisions)
        {
            var links = string.Join("; ", d.Links.Select(l => $"{l.Type}:{l.Label}"));
            string[] head = [review.Id.ToString(), Iso(review.ReviewDate), review.Status.ToString(), d.Id.ToString(), d.Kind.ToString(), d.Summary, links];
            if (d.Actions.Count == 0)
            {
                csv.AppendLine(Row([.. head, "", "", "", "", "", ""]));
            }

            foreach (var a in d.Actions)
            {
                csv.AppendLine(Row([.. head, a.RequestId.ToString(), a.RiskId.ToString(), a.RiskTitle, a.Title, a.Owner, Iso(a.DueOn)]));
            }
        }

        return csv.ToString();
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Row(IEnumerable<string> cells) => string.Join(',', cells.Select(Cell));

    /// <summary>RFC 4180 quoting; a cell a spreadsheet would run as a formula is prefixed with an apostrophe.</summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
