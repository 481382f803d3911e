using System.Globalization;
using IsmsCloud.BuildingBlocks.Csv;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Members;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.Suppliers.Access;
using IsmsCloud.Suppliers.Assessments;
using IsmsCloud.Suppliers.Certificates;
using IsmsCloud.Suppliers.Gaps;
using IsmsCloud.Suppliers.Infrastructure;
using IsmsCloud.Suppliers.Settings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Suppliers.Register;

public sealed record SupplierImportResult(int Imported);

/// <summary>The supplier registers' imports (suppliers, certificates, assessments), beside their export (<see cref="SupplierCsvExport"/>): the same role as recording one by hand.</summary>
public static class SupplierCsvImportApi
{
    public static IEndpointRouteBuilder MapSupplierCsvImport(this IEndpointRouteBuilder app)
    {
        app.MapPost("api/suppliers/import/suppliers", Import).WithTags("Import and export").RequireAuthorization(SupplierPolicies.Manage)
            .Accepts<string>("text/csv").WithName("ImportSuppliers")
            .WithSummary("Imports suppliers from CSV (the export's columns); nothing is saved unless every row is valid.");
        app.MapPost("api/suppliers/import/certificates", ImportCertificates).WithTags("Import and export").RequireAuthorization(SupplierPolicies.Manage)
            .Accepts<string>("text/csv").WithName("ImportSupplierCertificates")
            .WithSummary("Imports certificates and agreements from CSV (the export's columns, without files); nothing is saved unless every row is valid.");
        app.MapPost("api/suppliers/import/assessments", ImportAssessments).WithTags("Import and export").RequireAuthorization(SupplierPolicies.Manage)
            .Accepts<string>("text/csv").WithName("ImportSupplierAssessments")
            .WithSummary("Imports assessments done before (completed with their day and result, or desk reviews in progress) from CSV; nothing is saved unless every row is valid.");
        return app;
    }

    public static async Task<Results<Ok<SupplierImportResult>, ValidationProblem>> ImportCertificates(
        HttpRequest request, SupplierDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        Answer(await CsvImport.RunAsync(request, await CertificateCsvImport.CreateAsync(db, clock, cancellationToken), db, cancellationToken));

    public static async Task<Results<Ok<SupplierImportResult>, ValidationProblem>> ImportAssessments(
        HttpRequest request, SupplierDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        Answer(await CsvImport.RunAsync(request,
            await AssessmentCsvImport.CreateAsync(db, ActorName.Of(request.HttpContext.User).Key, clock, cancellationToken), db, cancellationToken));

    private static Results<Ok<SupplierImportResult>, ValidationProblem> Answer((int Count, Dictionary<string, string[]> Errors) outcome) =>
        outcome.Errors.Count > 0
            ? TypedResults.ValidationProblem(outcome.Errors, title: CsvImport.NothingImportedTitle)
            : TypedResults.Ok(new SupplierImportResult(outcome.Count));

    public static async Task<Results<Ok<SupplierImportResult>, ValidationProblem>> Import(
        HttpRequest request, SupplierDbContext db, MemberDirectory members, TimeProvider clock, CancellationToken cancellationToken)
    {
        var importer = await SupplierCsvImport.CreateAsync(db, members, ActorName.Of(request.HttpContext.User).Key, clock, cancellationToken);
        return Answer(await CsvImport.RunAsync(request, importer, db, cancellationToken, _ => importer.RecordSubProcessorsAsync(db, cancellationToken)));
    }
}

/// <summary>
/// Suppliers from CSV, through the building block's pipeline (streamed, all or nothing, errors by row and column). The
/// columns are the export's: legal_name and owner are required, the others optional; the computed columns
/// (last_material_change_at, last_completed_at, last_approved_on, gap_reasons) are ignored, so an export imports back.
/// Each row becomes a new supplier exactly as a create makes one: owner an active member, a SupplierChanged event,
/// its gap state (and SupplierAssuranceGapChanged when it has a gap) and its audit trail entry. parent_supplier_id names
/// a supplier of this tenant or the <c>id</c> of an earlier row of the file (exported ids are not kept: every imported
/// supplier gets a new one); an existing parent gets a sub-processor, a material change, as with a create.
/// </summary>
internal sealed class SupplierCsvImport : ICsvRowImporter<SupplierDbContext, SupplierCsvImport.ImportedSupplier>
{
    private const int MaxListItems = 50;
    private const int MaxItemLength = 200;
    private const string NoSuchParent = "Name a supplier of this tenant, or the id of a row of this file.";
    private static readonly string[] Required = ["legal_name", "owner"];

    private readonly ActiveMembers _members;
    private readonly HashSet<Guid> _existing;
    private readonly ReassessmentIntervals _intervals;
    private readonly DateTimeOffset _now;
    private readonly DateOnly _today;
    /// <summary>The file's ids (its id column, or a parent_supplier_id naming a row further down) to the new suppliers' ids.</summary>
    private readonly Dictionary<Guid, Guid> _newIds = [];
    /// <summary>The file's ids whose row has been read.</summary>
    private readonly HashSet<Guid> _claimed = [];
    /// <summary>Rows naming as parent a file id no row has had yet: the lines, by that id.</summary>
    private readonly Dictionary<Guid, List<int>> _forward = [];
    /// <summary>Each row's supplier to its parent when the parent is a row of the file: for finding cycles among forward references.</summary>
    private readonly Dictionary<Guid, Guid> _parentInFile = [];
    private readonly List<(int Line, Guid Id)> _forwardRows = [];
    /// <summary>Valid rows whose parent (a row of the file further down) is not in the context yet, by the parent's new id.</summary>
    private readonly Dictionary<Guid, List<ImportedSupplier>> _waiting = [];
    private readonly HashSet<Guid> _added = [];
    private readonly HashSet<Guid> _existingParents = [];
    private readonly List<Supplier> _chunk = [];

    public sealed record ImportedSupplier(Supplier Supplier, bool ParentInFile);

    private SupplierCsvImport(ActiveMembers members, HashSet<Guid> existing, ReassessmentIntervals intervals, TimeProvider clock)
    {
        _members = members;
        _existing = existing;
        _intervals = intervals;
        _now = clock.GetUtcNow();
        _today = clock.Today();
    }

    public IReadOnlyList<string> RequiredColumns => Required;

    /// <summary>Loads what every row is checked against (the tenant's members and supplier ids, the intervals) once per file.</summary>
    public static async Task<SupplierCsvImport> CreateAsync(SupplierDbContext db, MemberDirectory members, string? actorKey, TimeProvider clock, CancellationToken cancellationToken)
    {
        var existing = await db.Suppliers.AsNoTracking().Select(s => s.Id).ToListAsync(cancellationToken);
        return new SupplierCsvImport(await members.ActiveMembersAsync(actorKey, cancellationToken), existing.ToHashSet(),
            await SupplierSettings.IntervalsAsync(db, cancellationToken), clock);
    }

    public ImportedSupplier? Check(RowErrors row, Dictionary<string, string> f)
    {
        var legalName = row.Text(f, "legal_name", 200, required: true, min: 2);
        var owner = row.Member(f, "owner", _members);
        var criticality = row.Enum(f, "criticality", Criticality.Low, required: false);
        var status = row.Enum(f, "status", SupplierStatus.Active, required: false);
        var services = List(row, f, "services");
        var dataCategories = List(row, f, "data_categories");
        var classification = row.Enum(f, "data_classification", DataClassification.None, required: false);
        var locations = List(row, f, "data_locations");
        var start = row.Date(f, "contract_start_on");
        var end = row.Date(f, "contract_end_on");
        if (start is { } s && end is { } e && e < s)
        {
            row.Add("contract_end_on", "The contract cannot end before it starts.");
        }

        int? notice = null;
        var rawNotice = f.GetValueOrDefault("notice_period_days", "").Trim();
        if (rawNotice.Length > 0)
        {
            if (int.TryParse(rawNotice, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days <= 3650)
            {
                notice = days;
            }
            else
            {
                row.Add("notice_period_days", "Must be a whole number of days from 0 to 3650.");
            }
        }

        var aiProvider = row.Text(f, "ai_model_provider", 200, required: false);
        var aiData = row.Text(f, "ai_data_used", 2000, required: false);
        var aiDecisions = row.Bool(f, "ai_automated_decisions", false);
        var riskIds = Ids(row, f, "risk_ids");
        var assetIds = Ids(row, f, "asset_ids");
        var fileId = row.Id(f, "id");
        if (fileId is { } ownId && _claimed.Contains(ownId))
        {
            row.Add("id", "An earlier row has this id.");
        }

        var newId = fileId is { } claimed && !_claimed.Contains(claimed) ? NewIdOf(claimed) : Guid.CreateVersion7();
        Guid? parentId = null;
        var parentInFile = false;
        if (row.Id(f, "parent_supplier_id") is { } parentRef)
        {
            if (parentRef == fileId)
            {
                row.Add("parent_supplier_id", "A supplier cannot be its own sub-processor.");
            }
            else if (_claimed.Contains(parentRef))
            {
                (parentId, parentInFile) = (_newIds[parentRef], true);
            }
            else if (_existing.Contains(parentRef))
            {
                parentId = parentRef;
            }
            else
            {
                // Perhaps a row further down (an export lists sub-processors by name, not after their parent): checked at the end.
                (parentId, parentInFile) = (NewIdOf(parentRef), true);
                if (!_forward.TryGetValue(parentRef, out var lines))
                {
                    _forward[parentRef] = lines = [];
                }

                lines.Add(row.Line);
                _forwardRows.Add((row.Line, newId));
            }
        }

        if (fileId is { } seen)
        {
            _claimed.Add(seen);
            _forward.Remove(seen);
        }

        if (parentInFile)
        {
            _parentInFile[newId] = parentId!.Value;
        }

        if (row.HasErrors)
        {
            return null;
        }

        var supplier = new Supplier
        {
            Id = newId, LegalName = legalName, Owner = owner, CreatedAt = _now, UpdatedAt = _now,
            Criticality = criticality, Status = status, Services = services, DataCategories = dataCategories, DataClassification = classification,
            DataLocations = locations, ParentSupplierId = parentId, ContractStartOn = start, ContractEndOn = end, NoticePeriodDays = notice,
            AiModelProvider = aiProvider.Length == 0 ? null : aiProvider, AiDataUsed = aiData.Length == 0 ? null : aiData,
            AiAutomatedDecisions = aiDecisions, RiskIds = riskIds, AssetIds = assetIds,
        };
        return new ImportedSupplier(supplier, parentInFile);
    }

    private Guid NewIdOf(Guid fileId)
    {
        if (!_newIds.TryGetValue(fileId, out var id))
        {
            _newIds[fileId] = id = Guid.CreateVersion7();
        }

        return id;
    }

    /// <summary>Adds the supplier, or holds it back until its parent (a row further down) is added: a parent is always inserted first.</summary>
    public void Add(SupplierDbContext db, ImportedSupplier record)
    {
        if (record.ParentInFile && !_added.Contains(record.Supplier.ParentSupplierId!.Value))
        {
            var parent = record.Supplier.ParentSupplierId!.Value;
            if (!_waiting.TryGetValue(parent, out var children))
            {
                _waiting[parent] = children = [];
            }

            children.Add(record);
            return;
        }

        var ready = new Stack<ImportedSupplier>([record]);
        while (ready.TryPop(out var next))
        {
            AddNow(db, next.Supplier);
            if (_waiting.Remove(next.Supplier.Id, out var children))
            {
                children.ForEach(ready.Push);
            }
        }
    }

    private void AddNow(SupplierDbContext db, Supplier supplier)
    {
        db.Suppliers.Add(supplier);
        // As a create: registering is not a material change of the supplier itself; AI use it arrives with is new AI use (rule 13).
        db.AddEvent(SupplierEventFacts.Changed(db, supplier, [], aiUseAdded: supplier.UsesAi, _now));
        if (supplier.ParentSupplierId is { } parent && _existing.Contains(parent) && !_added.Contains(parent))
        {
            _existingParents.Add(parent);
        }

        _added.Add(supplier.Id);
        _chunk.Add(supplier);
    }

    /// <summary>Parents named as rows further down that never came, and sub-processor chains that loop back through such a reference.</summary>
    public void CheckFile(Func<int, RowErrors> rowAt)
    {
        foreach (var line in _forward.Values.SelectMany(lines => lines))
        {
            rowAt(line).Add("parent_supplier_id", NoSuchParent);
        }

        foreach (var (line, id) in _forwardRows)
        {
            var at = id;
            for (var steps = 0; _parentInFile.TryGetValue(at, out var parent) && steps <= _parentInFile.Count; steps++)
            {
                if (parent == id)
                {
                    rowAt(line).Add("parent_supplier_id", "A supplier cannot be a sub-processor of its own sub-processors.");
                    break;
                }

                at = parent;
            }
        }
    }

    /// <summary>The chunk's gap states, read and announced for all of its suppliers at once.</summary>
    public async Task BeforeSaveAsync(SupplierDbContext db, CancellationToken cancellationToken)
    {
        await GapTracker.RefreshAsync(db, _chunk, _intervals, _today, _now, cancellationToken);
        _chunk.Clear();
    }

    /// <summary>Once every row is saved: each existing supplier that got sub-processors records that material change, once.</summary>
    public async Task RecordSubProcessorsAsync(SupplierDbContext db, CancellationToken cancellationToken)
    {
        if (_existingParents.Count == 0)
        {
            return;
        }

        var ids = _existingParents.ToList();
        var parents = await db.Suppliers.Include(s => s.Certificates).Where(s => ids.Contains(s.Id)).ToListAsync(cancellationToken);
        foreach (var parent in parents)
        {
            parent.RecordMaterialChange([MaterialChangeKind.NewSubProcessor], _now);
            db.AddEvent(SupplierEventFacts.Changed(db, parent, [MaterialChangeKind.NewSubProcessor], aiUseAdded: false, _now));
        }

        await GapTracker.RefreshAsync(db, parents, _intervals, _today, _now, cancellationToken);
    }

    /// <summary>A list cell as the export writes it: entries separated by ';', blanks dropped, duplicates once.</summary>
    private static List<string> List(RowErrors row, Dictionary<string, string> f, string column)
    {
        var values = f.GetValueOrDefault(column, "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (values.Count > MaxListItems)
        {
            row.Add(column, $"At most {MaxListItems} entries, separated by ';'.");
        }
        else if (values.Any(v => v.Length > MaxItemLength))
        {
            row.Add(column, $"Every entry needs 1 to {MaxItemLength} characters.");
        }

        return values;
    }

    private static List<Guid> Ids(RowErrors row, Dictionary<string, string> f, string column)
    {
        var ids = new List<Guid>();
        foreach (var raw in f.GetValueOrDefault(column, "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Guid.TryParse(raw, out var id) || id == Guid.Empty)
            {
                row.Add(column, "Must be ids separated by ';'.");
                return [];
            }

            ids.Add(id);
        }

        ids = ids.Distinct().ToList();
        if (ids.Count > MaxListItems)
        {
            row.Add(column, $"Link at most {MaxListItems}, by id.");
        }

        return ids;
    }
}
