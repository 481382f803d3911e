using IsmsCloud.BuildingBlocks.Csv;
using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.Suppliers.Gaps;
using IsmsCloud.Suppliers.Infrastructure;
using IsmsCloud.Suppliers.Register;
using IsmsCloud.Suppliers.Settings;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Suppliers.Assessments;

/// <summary>
/// Assessments done before the tenant came to IsmsCloud (a spreadsheet of who was assessed when, with what result), from
/// CSV through the building block's pipeline (streamed, all or nothing, errors by row and column). The columns are the
/// export's: supplier_id and title are required; status is Completed (the default) or InProgress (an open desk review);
/// a completed one needs its result and completed_at (a day or a time, never in the future), and may carry
/// residual_risk_note, conditions (separated by ';', as the export writes them), created_at and completed_by (an
/// e-mail; the importing member when empty). Questionnaire assessments (AwaitingSupplier, Submitted) cannot be
/// imported: they live through their link. Each completed row is completed as by hand
/// (<see cref="AssessmentCompletion"/>): the supplier's assessment dates move on (never backwards), SupplierAssessed is
/// announced with the day it was completed, conditions are raised, and the gap state is refreshed — so imported
/// suppliers with their history of assessments do not all show "never assessed".
/// </summary>
internal sealed class AssessmentCsvImport : ICsvRowImporter<SupplierDbContext, AssessmentCsvImport.ImportedAssessment>
{
    private static readonly string[] Required = ["supplier_id", "title"];

    private readonly HashSet<Guid> _suppliers;
    private readonly ReassessmentIntervals _intervals;
    private readonly string _importer;
    private readonly DateTimeOffset _now;
    private readonly DateOnly _today;
    /// <summary>The chunk's completed assessments, completed against their tracked supplier before the chunk is saved.</summary>
    private readonly List<ImportedAssessment> _toComplete = [];

    public sealed record ImportedAssessment(SupplierAssessment Assessment, Completion? Completion);

    public sealed record Completion(AssessmentResult Result, string? Note, List<string> Conditions, string By, DateTimeOffset At);

    private AssessmentCsvImport(HashSet<Guid> suppliers, ReassessmentIntervals intervals, string importer, TimeProvider clock)
    {
        _suppliers = suppliers;
        _intervals = intervals;
        _importer = importer;
        _now = clock.GetUtcNow();
        _today = clock.Today();
    }

    public IReadOnlyList<string> RequiredColumns => Required;

    public static async Task<AssessmentCsvImport> CreateAsync(SupplierDbContext db, string importer, TimeProvider clock, CancellationToken cancellationToken) =>
        new((await db.Suppliers.AsNoTracking().Select(s => s.Id).ToListAsync(cancellationToken)).ToHashSet(),
            await SupplierSettings.IntervalsAsync(db, cancellationToken), importer, clock);

    public ImportedAssessment? Check(RowErrors row, Dictionary<string, string> f)
    {
        var supplierId = row.Id(f, "supplier_id", required: true);
        if (supplierId is { } id && !_suppliers.Contains(id))
        {
            row.Add("supplier_id", "Name a supplier of this tenant, by id.");
        }

        var title = row.Text(f, "title", 200, required: true, min: 3);
        var status = row.Enum(f, "status", AssessmentStatus.Completed, required: false);
        if (status is not (AssessmentStatus.Completed or AssessmentStatus.InProgress) && !row.HasErrors)
        {
            row.Add("status", "Only Completed or InProgress assessments can be imported: a questionnaire lives through its link, and a cancelled one is not imported.");
        }

        var createdAt = row.Moment(f, "created_at");
        var completion = status == AssessmentStatus.Completed ? CheckCompletion(row, f, createdAt) : NothingCompleted(row, f);
        if (row.HasErrors)
        {
            return null;
        }

        var assessment = new SupplierAssessment
        {
            SupplierId = supplierId!.Value, Title = title, CreatedBy = _importer, CreatedAt = createdAt ?? completion?.At ?? _now,
        };
        return new ImportedAssessment(assessment, completion);
    }

    private Completion? CheckCompletion(RowErrors row, Dictionary<string, string> f, DateTimeOffset? createdAt)
    {
        var result = row.Enum(f, "result", AssessmentResult.Approved, required: true);
        var note = row.Text(f, "residual_risk_note", 4000, required: false);
        var conditions = f.GetValueOrDefault("conditions", "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (!row.HasErrors && AssessmentCompletion.ConditionsProblem(result, conditions) is { } problem)
        {
            row.Add("conditions", problem);
        }

        var at = row.Moment(f, "completed_at", required: true);
        if (at > _now)
        {
            row.Add("completed_at", "Cannot be in the future: import assessments that were completed.");
        }
        else if (at < createdAt)
        {
            row.Add("completed_at", "Cannot be before created_at.");
        }

        var by = f.GetValueOrDefault("completed_by", "").Trim().Length == 0 ? _importer : row.Email(f, "completed_by");
        return at is { } when ? new Completion(result, note.Length == 0 ? null : note, conditions, by, when) : null;
    }

    /// <summary>An assessment in progress has nothing of a completion yet: such cells are refused rather than dropped.</summary>
    private static Completion? NothingCompleted(RowErrors row, Dictionary<string, string> f)
    {
        foreach (var column in (string[])["result", "residual_risk_note", "conditions", "completed_at", "completed_by"])
        {
            if (f.GetValueOrDefault(column, "").Trim().Length > 0)
            {
                row.Add(column, "Only a completed assessment has this: leave it empty for one in progress.");
            }
        }

        return null;
    }

    public void Add(SupplierDbContext db, ImportedAssessment record)
    {
        db.Assessments.Add(record.Assessment);
        if (record.Completion is not null)
        {
            _toComplete.Add(record);
        }
    }

    /// <summary>The chunk's suppliers are read once (tracked, with their certificates for the gap), its assessments completed against them, and their gap states refreshed.</summary>
    public async Task BeforeSaveAsync(SupplierDbContext db, CancellationToken cancellationToken)
    {
        if (_toComplete.Count == 0)
        {
            return;
        }

        var ids = _toComplete.Select(r => r.Assessment.SupplierId).Distinct().ToList();
        var suppliers = await db.Suppliers.Include(s => s.Certificates).Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        foreach (var (assessment, completion) in _toComplete)
        {
            var (result, note, conditions, by, at) = completion!;
            AssessmentCompletion.Complete(db, assessment, suppliers[assessment.SupplierId], result, note, conditions, by, at, _now);
        }

        _toComplete.Clear();
        await GapTracker.RefreshAsync(db, suppliers.Values, _intervals, _today, _now, cancellationToken);
    }
}
