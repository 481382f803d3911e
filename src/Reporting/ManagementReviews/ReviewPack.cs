using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace IsmsCloud.Reporting.ManagementReviews;

/// <summary>
/// The review pack as PDF (PDFsharp): cover, attendees, the inputs a–g with their figures and trend charts, the patterns
/// and their records, decisions and actions, and the snapshot's hash with the audit-trail heads. A review not yet
/// signed prints as a draft with the inputs assembled at download.
/// </summary>
public static class ReviewPack
{
    public static byte[] Render(ReviewDto review)
    {
        PackFonts.EnsureRegistered();
        using var document = new PdfDocument();
        document.Info.Title = $"Management review — {review.Title}";
        document.Info.Subject = "ISO/IEC 27001 clause 9.3 management review";
        document.Info.Creator = "IsmsCloud reporting";
        var w = new PackWriter(document);

        w.Title("Management review");
        w.Heading(review.Title);
        w.Line($"Review date: {Iso(review.ReviewDate)}");
        w.Line($"Chair: {review.Chair.Name} <{review.Chair.Email}>");
        w.Line($"Status: {review.Status}");
        if (review.SignedAt is { } signedAt)
        {
            w.Line($"Signed by {review.SignedBy} at {signedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC");
            w.Line("Snapshot SHA-256 (RFC 8785 canonical JSON):", bold: true);
            w.Line(review.SnapshotSha256 ?? "", mono: true);
        }
        else
        {
            w.Line("DRAFT — not signed. The inputs below were assembled when this pack was downloaded.", bold: true);
        }

        w.Line($"Inputs as of {Iso(review.Inputs.AsOf)} ({review.Inputs.Source}); period since {Iso(review.Inputs.PeriodFrom)}"
            + (review.Inputs.PreviousReview is { } p ? $", the previous review \"{p.Title}\" of {Iso(p.ReviewDate)}." : " (no earlier signed review)."));

        w.Heading("Attendees");
        w.Line($"{review.Chair.Name} <{review.Chair.Email}> (chair)");
        foreach (var person in review.Attendees)
        {
            w.Line($"{person.Name} <{person.Email}>");
        }

        var inputs = review.Inputs;
        w.Heading("a) Status of actions from previous reviews");
        if (inputs.PreviousActions.Count == 0)
        {
            w.Line("No actions were requested by earlier reviews.");
        }
        else
        {
            w.Table([150, 110, 90, 60, 85], ["Action", "Risk", "Owner", "Due", "Status"],
                inputs.PreviousActions.Select(a => (IReadOnlyList<string>)[a.Title, a.RiskTitle, a.Owner, Iso(a.DueOn),
                    a.Status + (a.CarriedForward ? " (carried forward)" : "") + (a.OverdueDays is { } d ? $", {d} d overdue" : "")]));
        }

        w.Heading("b) Signals: change since the previous review and trend");
        foreach (var signal in inputs.Signals)
        {
            w.Subheading(signal.Signal);
            w.Table([200, 95, 110, 90], ["Figure", "Now", "Previous review", "Change"],
                signal.Figures.Select(f => (IReadOnlyList<string>)[f.Name, N(f.Value), N(f.Previous), f.Change is { } c ? (c > 0 ? "+" : "") + N(c) : "—"]));
            w.Chart($"{signal.Signal}.{signal.Headline}, {signal.Trend.Count} days", signal.Trend);
        }

        w.Heading("c) Active failure patterns");
        if (inputs.Patterns.Count == 0)
        {
            w.Line("No failure pattern is active.");
        }

        foreach (var pattern in inputs.Patterns)
        {
            w.Subheading($"{pattern.Kind} ({pattern.Records.Count} records)");
            w.Table([170, 325], ["Record", "Why"], pattern.Records.Select(r => (IReadOnlyList<string>)[r.Label, r.Reason]));
        }

        w.Heading("d) Audit results and nonconformities");
        var audits = inputs.AuditResults;
        w.Line($"Open nonconformities: {audits.OpenNonconformities}; corrective actions open {audits.CorrectiveActions.Open}, overdue {audits.CorrectiveActions.Overdue}.");
        if (audits.Audits.Count > 0)
        {
            w.Table([300, 110, 85], ["Audit", "Kind", "Started"], audits.Audits.Select(a => (IReadOnlyList<string>)[a.Title, a.Kind, a.StartedOn is { } s ? Iso(s) : ""]));
        }

        if (audits.Findings.Count > 0)
        {
            w.Table([150, 120, 120, 105], ["Reference", "Kind", "Status", "Raised"],
                audits.Findings.Select(f => (IReadOnlyList<string>)[f.Reference, f.Kind, f.Status, Iso(f.RaisedOn)]));
        }

        w.Heading("e) Supplier assurance gaps");
        w.Line($"Suppliers with a gap: {inputs.SupplierGaps.Figures.Suppliers} ("
            + string.Join(", ", inputs.SupplierGaps.Figures.ByReason.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} {r.Value}")) + ").");
        if (inputs.SupplierGaps.Records.Count > 0)
        {
            w.Table([170, 325], ["Supplier", "Gap"], inputs.SupplierGaps.Records.Select(r => (IReadOnlyList<string>)[r.Label, r.Reason]));
        }

        w.Heading("f) Incidents");
        var traceability = inputs.Incidents.Traceability;
        w.Line($"Closed incidents traced to controls: {traceability.Traced} of {traceability.Closed} (rate {N(traceability.Rate)}).");
        if (inputs.Incidents.Closed.Count > 0)
        {
            w.Table([245, 85, 85, 80], ["Incident", "Occurred", "Closed", "Failed controls"], inputs.Incidents.Closed.Select(i => (IReadOnlyList<string>)[i.Title,
                Iso(DateOnly.FromDateTime(i.OccurredAt.UtcDateTime)), Iso(DateOnly.FromDateTime(i.ClosedAt.UtcDateTime)), i.FailedControls.ToString(CultureInfo.InvariantCulture)]));
        }

        w.Heading("g) Risk treatment status");
        var treatment = inputs.RiskTreatment;
        w.Line($"Risks: {treatment.Risks} — " + string.Join(", ", treatment.ByBand.Select(b => $"{b.Key} {b.Value}")) + ".");
        w.Line("By decision: " + string.Join(", ", treatment.ByDecision.Select(b => $"{b.Key} {b.Value}")) + ".");
        w.Line($"Treatment actions open {treatment.OpenActions}, overdue {treatment.OverdueActions}, done in the period {treatment.ActionsDoneInPeriod}.");

        w.Heading("Changes in internal and external issues");
        w.Paragraph(inputs.FreeText.IssueChanges ?? "—");
        w.Heading("Feedback from interested parties");
        w.Paragraph(inputs.FreeText.InterestedPartiesFeedback ?? "—");
        w.Heading("Opportunities for improvement");
        w.Paragraph(inputs.FreeText.ImprovementOpportunities ?? "—");

        w.Heading("Decisions and actions");
        if (review.Decisions.Count == 0)
        {
            w.Line("No decision was recorded.");
        }

        var number = 0;
        foreach (var decision in review.Decisions)
        {
            w.Subheading($"{++number}. {decision.Kind}");
            w.Paragraph(decision.Summary);
            if (decision.Links.Count > 0)
            {
                w.Paragraph("Changes: " + string.Join("; ", decision.Links.Select(l => $"{l.Type} {l.Label}")));
            }

            if (decision.Actions.Count > 0)
            {
                w.Table([170, 150, 95, 80], ["Requested action", "Risk", "Owner", "Due"],
                    decision.Actions.Select(a => (IReadOnlyList<string>)[a.Title, a.RiskTitle, a.Owner, Iso(a.DueOn)]));
            }
        }

        w.Heading("Snapshot");
        if (review.SnapshotSha256 is { } sha)
        {
            w.Paragraph("The record, its inputs, decisions and the audit-trail heads below were frozen at sign-off as RFC 8785 canonical JSON; its SHA-256 is:");
            w.Line(sha, mono: true);
        }
        else
        {
            w.Paragraph("Not signed yet: no snapshot and no hash.");
        }

        w.Subheading("Audit-trail heads");
        if (review.AuditHeads.Count == 0)
        {
            w.Line("No audit-trail head was published for the review's day or before.");
        }

        foreach (var head in review.AuditHeads)
        {
            w.Line($"{head.Service} {Iso(head.Day)} #{head.Sequence}");
            w.Line(head.Hash, mono: true);
        }

        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string N(double? value) => value is { } v ? Math.Round(v, 3).ToString("0.###", CultureInfo.InvariantCulture) : "—";
}

/// <summary>Lays the pack out top to bottom on A4 pages, wrapping text and starting a page when one is full.</summary>
internal sealed class PackWriter
{
    private const double Margin = 50;
    private const double Width = 595 - 2 * Margin;
    private const double Bottom = 842 - Margin;
    private readonly PdfDocument _document;
    private readonly XFont _body = new(PackFonts.Family, 9.5);
    private readonly XFont _bold = new(PackFonts.Family, 9.5, XFontStyleEx.Bold);
    private readonly XFont _mono = new(PackFonts.Family, 8);
    private readonly XFont _small = new(PackFonts.Family, 7);
    private readonly XFont _heading = new(PackFonts.Family, 13, XFontStyleEx.Bold);
    private readonly XFont _subheading = new(PackFonts.Family, 10.5, XFontStyleEx.Bold);
    private readonly XFont _title = new(PackFonts.Family, 22, XFontStyleEx.Bold);
    private XGraphics _gfx = null!;
    private double _y;
    private int _pages;

    public PackWriter(PdfDocument document)
    {
        _document = document;
        NewPage();
    }

    private void NewPage()
    {
        _gfx?.Dispose();
        var page = _document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        _gfx = XGraphics.FromPdfPage(page);
        _pages++;
        _gfx.DrawString($"Management review pack — page {_pages}", _small, XBrushes.Gray, new XRect(Margin, 842 - 30, Width, 10), XStringFormats.TopRight);
        _y = Margin;
    }

    private void Need(double height)
    {
        if (_y + height > Bottom)
        {
            NewPage();
        }
    }

    public void Title(string text)
    {
        _gfx.DrawString(text, _title, XBrushes.Black, new XRect(Margin, _y, Width, 30), XStringFormats.TopLeft);
        _y += 40;
    }

    public void Heading(string text)
    {
        Need(60);
        _y += 8;
        _gfx.DrawString(text, _heading, XBrushes.DarkSlateBlue, new XRect(Margin, _y, Width, 18), XStringFormats.TopLeft);
        _y += 20;
    }

    public void Subheading(string text)
    {
        Need(40);
        _y += 4;
        _gfx.DrawString(text, _subheading, XBrushes.Black, new XRect(Margin, _y, Width, 14), XStringFormats.TopLeft);
        _y += 16;
    }

    public void Line(string text, bool bold = false, bool mono = false)
    {
        foreach (var line in Wrap(text, mono ? _mono : bold ? _bold : _body, Width))
        {
            Need(13);
            _gfx.DrawString(line, mono ? _mono : bold ? _bold : _body, XBrushes.Black, new XRect(Margin, _y, Width, 12), XStringFormats.TopLeft);
            _y += 13;
        }
    }

    public void Paragraph(string text)
    {
        foreach (var part in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            Line(part);
        }

        _y += 3;
    }

    public void Table(IReadOnlyList<double> widths, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        Row(widths, header, _bold);
        _gfx.DrawLine(XPens.Gray, Margin, _y, Margin + widths.Sum(), _y);
        _y += 2;
        foreach (var row in rows)
        {
            Row(widths, row, _body);
        }

        _y += 4;
    }

    private void Row(IReadOnlyList<double> widths, IReadOnlyList<string> cells, XFont font)
    {
        var wrapped = cells.Select((c, i) => Wrap(c, font, widths[i] - 4)).ToList();
        var height = wrapped.Max(w => w.Count) * 12.0 + 1;
        Need(height);
        var x = Margin;
        for (var i = 0; i < wrapped.Count; i++)
        {
            for (var l = 0; l < wrapped[i].Count; l++)
            {
                _gfx.DrawString(wrapped[i][l], font, XBrushes.Black, new XRect(x, _y + l * 12, widths[i] - 4, 12), XStringFormats.TopLeft);
            }

            x += widths[i];
        }

        _y += height;
    }

    /// <summary>A line chart of one figure over the trend's days, drawn with PDFsharp's own graphics.</summary>
    public void Chart(string caption, IReadOnlyList<TrendPoint> points)
    {
        const double height = 70;
        Need(height + 24);
        var values = points.Where(p => p.Value is not null).Select(p => p.Value!.Value).ToList();
        var (left, top, width) = (Margin + 30, _y + 2, Width - 30);
        _gfx.DrawRectangle(XPens.LightGray, left, top, width, height);
        if (values.Count > 0)
        {
            var (min, max) = (Math.Min(0, values.Min()), values.Max());
            var span = max - min == 0 ? 1 : max - min;
            _gfx.DrawString(Number(max), _small, XBrushes.Gray, new XRect(Margin, top, 28, 8), XStringFormats.TopRight);
            _gfx.DrawString(Number(min), _small, XBrushes.Gray, new XRect(Margin, top + height - 8, 28, 8), XStringFormats.TopRight);
            var step = points.Count > 1 ? width / (points.Count - 1) : 0;
            var segment = new List<XPoint>();
            var pen = new XPen(XColors.SteelBlue, 1.2);
            for (var i = 0; i <= points.Count; i++)
            {
                if (i < points.Count && points[i].Value is { } v)
                {
                    segment.Add(new XPoint(left + i * step, top + height - (v - min) / span * height));
                    continue;
                }

                if (segment.Count > 1)
                {
                    _gfx.DrawLines(pen, segment.ToArray());
                }
                else if (segment.Count == 1)
                {
                    _gfx.DrawEllipse(XBrushes.SteelBlue, segment[0].X - 1.5, segment[0].Y - 1.5, 3, 3);
                }

                segment.Clear();
            }
        }
        else
        {
            _gfx.DrawString("no values in the period", _small, XBrushes.Gray, new XRect(left, top + height / 2 - 4, width, 8), XStringFormats.TopCenter);
        }

        if (points.Count > 0)
        {
            _gfx.DrawString(points[0].Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), _small, XBrushes.Gray, new XRect(left, top + height + 2, 80, 8), XStringFormats.TopLeft);
            _gfx.DrawString(points[^1].Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), _small, XBrushes.Gray, new XRect(left, top + height + 2, width, 8), XStringFormats.TopRight);
        }

        _gfx.DrawString(caption, _small, XBrushes.Gray, new XRect(left, top + height + 2, width, 8), XStringFormats.TopCenter);
        _y += height + 16;
    }

    private static string Number(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    private List<string> Wrap(string text, XFont font, double width)
    {
        if (text.Length == 0 || _gfx.MeasureString(text, font).Width <= width)
        {
            return [text]; // most cells: one measurement, no wrapping
        }

        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' '))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (current.Length > 0 && _gfx.MeasureString(candidate, font).Width > width)
            {
                lines.Add(current);
                current = word;
            }
            else
            {
                current = candidate;
            }

            // A word longer than the line (a hash, a URL) is cut where it overflows.
            while (current.Length > 1 && _gfx.MeasureString(current, font).Width > width)
            {
                var cut = current.Length - 1;
                while (cut > 1 && _gfx.MeasureString(current[..cut], font).Width > width)
                {
                    cut--;
                }

                lines.Add(current[..cut]);
                current = current[cut..];
            }
        }

        lines.Add(current);
        return lines;
    }
}

/// <summary>The pack's one font family, DejaVu Sans, from the assembly (PDFsharp finds no system fonts on Linux).</summary>
internal sealed class PackFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private static readonly Lock Gate = new();
    private static bool _registered;

    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (!_registered)
            {
                GlobalFontSettings.FontResolver = new PackFonts();
                _registered = true;
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(isBold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[]? GetFont(string faceName)
    {
        using var resource = typeof(PackFonts).Assembly.GetManifestResourceStream($"IsmsCloud.Reporting.Fonts.{faceName}.ttf")
            ?? throw new InvalidOperationException($"The font {faceName} is not embedded in reporting-api.");
        using var copy = new MemoryStream();
        resource.CopyTo(copy);
        return copy.ToArray();
    }
}
