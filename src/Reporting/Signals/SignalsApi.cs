using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using IsmsCloud.Reporting.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IsmsCloud.Reporting.Signals;

/// <summary>The signals API of SIGNALS.md: the figures of a day, the records behind one, the trend, and CSV exports.</summary>
public static class SignalsApi
{
    public const int MaxTrendDays = 400;

    public static IEndpointRouteBuilder MapSignalsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/reporting/signals").WithTags("Signals").RequireAuthorization(IsmsPolicies.TenantMember);
        api.MapGet("", GetSignals).WithName("GetSignals")
            .WithSummary("Every signal and the active failure patterns as of a day (asOf=yyyy-MM-dd; default today): live for today and later (a forecast), a stored snapshot or recomputed for a past day.");
        api.MapGet("trend", GetTrend).WithName("GetSignalsTrend")
            .WithSummary("One entry per day from `from` to `to` (yyyy-MM-dd, at most 400 days) with the same figures, without records.");
        api.MapGet("trend.csv", GetTrendCsv).WithName("ExportSignalsTrend").WithSummary("The trend as CSV, one row per day.");
        api.MapGet("{signal}/records.csv", GetRecordsCsv).WithName("ExportSignalRecords")
            .WithSummary("The records behind one signal as of a day, as CSV (type, id, label, reason, owner, days).");
        api.MapGet("{signal}/records", GetRecords).WithName("GetSignalRecords")
            .WithSummary("The records behind one signal as of a day (signal: exceptions, treatmentOverdue, findingRecurrence, accessReviews, supplierGaps, incidentTraceability, evidenceFreshness, correctiveActions).");
        return app;
    }

    public static async Task<Results<Utf8Json<SignalsDto>, ValidationProblem>> GetSignals(
        SignalsService signals, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, [FromQuery] string? asOf, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var day = ParseDay(asOf, "asOf", errors) ?? signals.Today;
        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : new Utf8Json<SignalsDto>(await signals.FiguresJsonAsync(day, json.Value.SerializerOptions, cancellationToken));
    }

    public static async Task<Results<Ok<IReadOnlyList<SignalRecord>>, ProblemHttpResult, ValidationProblem>> GetRecords(
        SignalsService signals, string signal, [FromQuery] string? asOf, CancellationToken cancellationToken)
    {
        var (name, day, unknown, invalid) = ParseRecordsQuery(signals, signal, asOf);
        if (unknown is not null)
        {
            return unknown;
        }

        return invalid is not null ? invalid : TypedResults.Ok(await signals.RecordsAsync(name, day, cancellationToken));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> GetRecordsCsv(
        SignalsService signals, string signal, [FromQuery] string? asOf, CancellationToken cancellationToken)
    {
        var (name, day, unknown, invalid) = ParseRecordsQuery(signals, signal, asOf);
        if (unknown is not null)
        {
            return unknown;
        }

        return invalid is not null
            ? invalid
            : TypedResults.File(SignalsCsv.WriteRecords(await signals.RecordsAsync(name, day, cancellationToken)), "text/csv; charset=utf-8", $"{name}-{day:yyyy-MM-dd}.csv");
    }

    private static (string Name, DateOnly Day, ProblemHttpResult? Unknown, ValidationProblem? Invalid) ParseRecordsQuery(
        SignalsService signals, string signal, string? asOf)
    {
        var name = SignalNames.All.FirstOrDefault(n => string.Equals(n, signal, StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            return ("", default, TypedResults.Problem(title: "No such signal", statusCode: StatusCodes.Status404NotFound,
                detail: $"The signals are: {string.Join(", ", SignalNames.All)}."), null);
        }

        var errors = new Dictionary<string, string[]>();
        var day = ParseDay(asOf, "asOf", errors) ?? signals.Today;
        return (name, day, null, errors.Count > 0 ? TypedResults.ValidationProblem(errors) : null);
    }

    public static async Task<Results<Ok<IReadOnlyList<SignalsDto>>, ValidationProblem>> GetTrend(
        SignalsService signals, [FromQuery] string? from, [FromQuery] string? to, CancellationToken cancellationToken)
    {
        var (range, errors) = ParseRange(signals, from, to);
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(await signals.TrendAsync(range.From, range.To, cancellationToken));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> GetTrendCsv(
        SignalsService signals, [FromQuery] string? from, [FromQuery] string? to, CancellationToken cancellationToken)
    {
        var (range, errors) = ParseRange(signals, from, to);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var days = await signals.TrendAsync(range.From, range.To, cancellationToken);
        return TypedResults.File(Encoding.UTF8.GetBytes(SignalsCsv.Write(days)), "text/csv; charset=utf-8", $"signals-{range.From:yyyy-MM-dd}-{range.To:yyyy-MM-dd}.csv");
    }

    private static ((DateOnly From, DateOnly To) Range, Dictionary<string, string[]> Errors) ParseRange(SignalsService signals, string? from, string? to)
    {
        var errors = new Dictionary<string, string[]>();
        var end = ParseDay(to, "to", errors) ?? signals.Today;
        var start = ParseDay(from, "from", errors) ?? end.AddDays(-29);
        if (errors.Count == 0 && start > end)
        {
            errors["from"] = ["from must not be after to."];
        }
        else if (errors.Count == 0 && end.DayNumber - start.DayNumber + 1 > MaxTrendDays)
        {
            errors["from"] = [$"A trend spans at most {MaxTrendDays} days."];
        }

        return ((start, end), errors);
    }

    private static DateOnly? ParseDay(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors[field] = [$"{field} must be a date written yyyy-MM-dd."];
        return null;
    }
}

/// <summary>The trend as CSV (one row per day, one column per figure), and a figure's records.</summary>
public static class SignalsCsv
{
    /// <summary>One row per record; a label or reason that would start a spreadsheet formula is escaped.</summary>
    public static byte[] WriteRecords(IEnumerable<SignalRecord> records)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape }))
        {
            csv.WriteField("type");
            csv.WriteField("id");
            csv.WriteField("label");
            csv.WriteField("reason");
            csv.WriteField("owner");
            csv.WriteField("days");
            csv.NextRecord();
            foreach (var record in records)
            {
                csv.WriteField(record.Type);
                csv.WriteField(record.Id);
                csv.WriteField(record.Label);
                csv.WriteField(record.Reason);
                csv.WriteField(record.Owner);
                csv.WriteField(record.Days);
                csv.NextRecord();
            }
        }

        return buffer.ToArray();
    }

    public static string Write(IEnumerable<SignalsDto> days)
    {
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', Columns.Select(c => c.Name)));
        foreach (var day in days)
        {
            csv.AppendLine(string.Join(',', Columns.Select(c => c.Value(day))));
        }

        return csv.ToString();
    }

    private static string N(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string N(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static readonly (string Name, Func<SignalsDto, string> Value)[] Columns =
    [
        ("asOf", d => d.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ("source", d => d.Source),
        ("definitionVersion", d => N(d.DefinitionVersion)),
        ("exceptions.open", d => N(d.Exceptions.Open)),
        ("exceptions.byAge.0-30", d => N(d.Exceptions.ByAge["0-30"])),
        ("exceptions.byAge.31-90", d => N(d.Exceptions.ByAge["31-90"])),
        ("exceptions.byAge.91-180", d => N(d.Exceptions.ByAge["91-180"])),
        ("exceptions.byAge.>180", d => N(d.Exceptions.ByAge[">180"])),
        ("exceptions.expiredNotClosed", d => N(d.Exceptions.ExpiredNotClosed)),
        ("exceptions.permanent", d => N(d.Exceptions.Permanent)),
        ("treatmentOverdue.overdueActions", d => N(d.TreatmentOverdue.OverdueActions)),
        ("treatmentOverdue.overdueRisks", d => N(d.TreatmentOverdue.OverdueRisks)),
        ("treatmentOverdue.medianDays", d => N(d.TreatmentOverdue.MedianDays)),
        ("treatmentOverdue.maxDays", d => N(d.TreatmentOverdue.MaxDays)),
        ("treatmentOverdue.byBand.Low", d => N(d.TreatmentOverdue.ByBand["Low"])),
        ("treatmentOverdue.byBand.Medium", d => N(d.TreatmentOverdue.ByBand["Medium"])),
        ("treatmentOverdue.byBand.High", d => N(d.TreatmentOverdue.ByBand["High"])),
        ("treatmentOverdue.byBand.Critical", d => N(d.TreatmentOverdue.ByBand["Critical"])),
        ("findingRecurrence.findings", d => N(d.FindingRecurrence.Findings)),
        ("findingRecurrence.recurring", d => N(d.FindingRecurrence.Recurring)),
        ("findingRecurrence.rate", d => N(d.FindingRecurrence.Rate)),
        ("accessReviews.campaigns", d => N(d.AccessReviews.Campaigns)),
        ("accessReviews.items", d => N(d.AccessReviews.Items)),
        ("accessReviews.decided", d => N(d.AccessReviews.Decided)),
        ("accessReviews.completion", d => N(d.AccessReviews.Completion)),
        ("accessReviews.overdueCampaigns", d => N(d.AccessReviews.OverdueCampaigns)),
        ("accessReviews.unverifiedRevocations", d => N(d.AccessReviews.UnverifiedRevocations)),
        ("supplierGaps.suppliers", d => N(d.SupplierGaps.Suppliers)),
        ("supplierGaps.byReason.NoValidAssessment", d => N(d.SupplierGaps.ByReason["NoValidAssessment"])),
        ("supplierGaps.byReason.ExpiredCertificate", d => N(d.SupplierGaps.ByReason["ExpiredCertificate"])),
        ("supplierGaps.byReason.UnassessedChange", d => N(d.SupplierGaps.ByReason["UnassessedChange"])),
        ("incidentTraceability.closed", d => N(d.IncidentTraceability.Closed)),
        ("incidentTraceability.traced", d => N(d.IncidentTraceability.Traced)),
        ("incidentTraceability.rate", d => N(d.IncidentTraceability.Rate)),
        ("evidenceFreshness.controls", d => N(d.EvidenceFreshness.Controls)),
        ("evidenceFreshness.fresh", d => N(d.EvidenceFreshness.Fresh)),
        ("evidenceFreshness.stale", d => N(d.EvidenceFreshness.Stale)),
        ("evidenceFreshness.missing", d => N(d.EvidenceFreshness.Missing)),
        ("evidenceFreshness.notRequired", d => N(d.EvidenceFreshness.NotRequired)),
        ("evidenceFreshness.undecided", d => N(d.EvidenceFreshness.Undecided)),
        ("daysSinceManagementReview", d => N(d.DaysSinceManagementReview)),
        ("correctiveActions.open", d => N(d.CorrectiveActions.Open)),
        ("correctiveActions.overdue", d => N(d.CorrectiveActions.Overdue)),
        ("correctiveActions.maxOverdueDays", d => N(d.CorrectiveActions.MaxOverdueDays)),
        ("patterns", d => string.Join(' ', d.Patterns.Select(p => p.Kind))),
        ("confidenceErosion.active", d => d.ConfidenceErosion.Active ? "true" : "false"),
    ];
}
