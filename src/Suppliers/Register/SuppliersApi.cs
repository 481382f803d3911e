using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Members;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.Contracts;
using IsmsCloud.Suppliers.Access;
using IsmsCloud.Suppliers.Files;
using IsmsCloud.Suppliers.Gaps;
using IsmsCloud.Suppliers.Infrastructure;
using IsmsCloud.Suppliers.Settings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Suppliers.Register;

/// <summary>The supplier register: suppliers and their sub-processors, with schedule and gaps computed for today.</summary>
public static class SuppliersApi
{
    private const int MaxListItems = 50;
    private const int MaxItemLength = 200;
    private const int MaxTreeDepth = 10;

    public static IEndpointRouteBuilder MapSuppliersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/suppliers").WithTags("Suppliers").RequireAuthorization(IsmsPolicies.TenantMember);
        api.MapGet("", List).WithName("ListSuppliers").WithSummary("Lists suppliers: paged, filtered (criticality, status, AI use, parent, with gaps), searched and sorted.");
        api.MapGet("{id:guid}", Get).WithName("GetSupplier").WithSummary("One supplier with its certificates, assessments, parent and sub-processors.");
        api.MapGet("{id:guid}/tree", Tree).WithName("GetSupplierTree").WithSummary("The supplier's sub-processors, as a tree.");
        api.MapPost("", Create).RequireAuthorization(SupplierPolicies.Manage).WithName("CreateSupplier").WithSummary("Registers a supplier (under a parent: a sub-processor, a material change of the parent).");
        api.MapPut("{id:guid}", Update).RequireAuthorization(SupplierPolicies.Manage).WithName("UpdateSupplier").WithSummary("Changes a supplier; material changes make reassessment due at once.");
        api.MapPost("{id:guid}/material-changes", RecordMaterialChange).RequireAuthorization(SupplierPolicies.Manage).WithName("RecordSupplierMaterialChange").WithSummary("Records a material change: reassessment is due at once.");
        api.MapDelete("{id:guid}", Delete).RequireAuthorization(SupplierPolicies.Manage).WithName("DeleteSupplier").WithSummary("Removes a supplier without sub-processors, with its certificates and assessments.");
        return app;
    }

    public static async Task<Results<Ok<PagedResult<SupplierDto>>, ValidationProblem>> List(
        SupplierDbContext db, TimeProvider clock, [AsParameters] PageRequest paging, CancellationToken cancellationToken, string? search = null,
        Criticality? criticality = null, SupplierStatus? status = null, bool? withGaps = null, bool? ai = null, Guid? parentId = null, bool? topLevel = null,
        SupplierSort sort = SupplierSort.Name)
    {
        var errors = paging.Validate(search);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var today = clock.Today();
        var intervals = await SupplierSettings.IntervalsAsync(db, cancellationToken);
        var query = db.Suppliers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            query = query.Where(s => s.LegalName.ToLower().Contains(term) || s.Owner.Contains(term));
        }

        if (criticality is { } c)
        {
            query = query.Where(s => s.Criticality == c);
        }

        if (status is { } st)
        {
            query = query.Where(s => s.Status == st);
        }

        if (ai is { } usesAi)
        {
            query = usesAi ? query.Where(s => s.AiModelProvider != null || s.AiAutomatedDecisions) : query.Where(s => s.AiModelProvider == null && !s.AiAutomatedDecisions);
        }

        if (parentId is { } parent)
        {
            query = query.Where(s => s.ParentSupplierId == parent);
        }

        if (topLevel is true)
        {
            query = query.Where(s => s.ParentSupplierId == null);
        }

        if (withGaps is { } gaps)
        {
            var withGap = AssuranceGaps.WithGap(intervals, today);
            query = gaps ? query.Where(withGap) : query.Where(BuildingBlocks.Persistence.RuleExpressions.Negate(withGap));
        }

        query = sort switch
        {
            SupplierSort.Newest => query.OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id),
            SupplierSort.Criticality => query.OrderByDescending(s => s.Criticality == Criticality.Critical ? 3 : s.Criticality == Criticality.High ? 2 : s.Criticality == Criticality.Medium ? 1 : 0)
                .ThenBy(s => s.LegalName).ThenBy(s => s.Id),
            _ => query.OrderBy(s => s.LegalName).ThenBy(s => s.Id),
        };
        var page = await query.Include(s => s.Certificates).AsSplitQuery().ToPageAsync(paging, cancellationToken);
        return TypedResults.Ok(page.Select(s => SupplierDto.From(s, intervals, today)));
    }

    public static async Task<Results<Ok<SupplierDetailDto>, NotFound>> Get(Guid id, SupplierDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var supplier = await db.Suppliers.AsNoTracking().Include(s => s.Certificates).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (supplier is null)
        {
            return TypedResults.NotFound();
        }

        var today = clock.Today();
        var intervals = await SupplierSettings.IntervalsAsync(db, cancellationToken);
        var parent = supplier.ParentSupplierId is { } parentId
            ? await db.Suppliers.AsNoTracking().Where(s => s.Id == parentId).Select(s => new SupplierNodeDto(s.Id, s.LegalName, s.Criticality, s.Status, new List<SupplierNodeDto>())).FirstOrDefaultAsync(cancellationToken)
            : null;
        var children = await db.Suppliers.AsNoTracking().Where(s => s.ParentSupplierId == id).OrderBy(s => s.LegalName)
            .Select(s => new SupplierNodeDto(s.Id, s.LegalName, s.Criticality, s.Status, new List<SupplierNodeDto>())).ToListAsync(cancellationToken);
        var fileIds = supplier.Certificates.Select(c => c.FileId).OfType<Guid>().ToList();
        var files = await db.Files.AsNoTracking().Where(f => fileIds.Contains(f.Id))
            .Select(f => new { f.Id, Dto = new SupplierCertificateFileDto(f.FileName, f.ContentType, f.SizeBytes, f.Sha256, f.UploadedAt) })
            .ToDictionaryAsync(f => f.Id, f => f.Dto, cancellationToken);
        var assessments = await db.Assessments.AsNoTracking().Where(a => a.SupplierId == id).OrderByDescending(a => a.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(new SupplierDetailDto(
            SupplierDto.From(supplier, intervals, today),
            parent,
            children,
            supplier.Certificates.OrderBy(c => c.Kind).ThenByDescending(c => c.ValidUntil)
                .Select(c => SupplierCertificateDto.From(c, today, c.FileId is { } f ? files.GetValueOrDefault(f) : null)).ToList(),
            assessments.Select(AssessmentDto.From).ToList()));
    }

    public static async Task<Results<Ok<SupplierNodeDto>, NotFound>> Tree(Guid id, SupplierDbContext db, CancellationToken cancellationToken)
    {
        var root = await db.Suppliers.AsNoTracking().Where(s => s.Id == id).Select(s => new { s.Id, s.LegalName, s.Criticality, s.Status }).FirstOrDefaultAsync(cancellationToken);
        if (root is null)
        {
            return TypedResults.NotFound();
        }

        // Level by level: one query per depth, never a query per node.
        var rows = new List<(Guid Id, Guid Parent, string Name, Criticality Criticality, SupplierStatus Status)>();
        var level = new List<Guid> { id };
        for (var depth = 0; depth < MaxTreeDepth && level.Count > 0; depth++)
        {
            var current = level;
            var next = await db.Suppliers.AsNoTracking().Where(s => s.ParentSupplierId != null && current.Contains(s.ParentSupplierId.Value))
                .Select(s => new { s.Id, Parent = s.ParentSupplierId!.Value, s.LegalName, s.Criticality, s.Status }).ToListAsync(cancellationToken);
            rows.AddRange(next.Select(n => (n.Id, n.Parent, n.LegalName, n.Criticality, n.Status)));
            level = next.Select(n => n.Id).ToList();
        }

        var byParent = rows.ToLookup(r => r.Parent);
        SupplierNodeDto Node(Guid nodeId, string name, Criticality criticality, SupplierStatus status) => new(nodeId, name, criticality, status,
            byParent[nodeId].OrderBy(r => r.Name).Select(r => Node(r.Id, r.Name, r.Criticality, r.Status)).ToList());
        return TypedResults.Ok(Node(root.Id, root.LegalName, root.Criticality, root.Status));
    }

    public static async Task<Results<Created<SupplierDto>, ValidationProblem>> Create(
        SaveSupplierRequest request, SupplierDbContext db, MemberDirectory members, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        var owner = request.Owner.Trim().ToLowerInvariant();
        Supplier? parent = null;
        if (request.ParentSupplierId is { } parentId)
        {
            parent = await db.Suppliers.Include(s => s.Certificates).FirstOrDefaultAsync(s => s.Id == parentId, cancellationToken);
            if (parent is null)
            {
                errors["parentSupplierId"] = ["Choose a supplier of this tenant as the parent."];
            }
        }

        if (await members.RefuseNonMembersAsync(ActorName.Of(http.User).Key, cancellationToken, ("owner", owner)) is { } notMembers)
        {
            foreach (var (field, messages) in notMembers)
            {
                errors[field] = messages;
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow();
        var supplier = new Supplier { LegalName = request.LegalName.Trim(), Owner = owner, CreatedAt = now };
        Apply(supplier, request, now);
        db.Suppliers.Add(supplier);
        // Registering is not a material change of the supplier itself; AI use it arrives with is new AI use (rule 13).
        db.AddEvent(SupplierEventFacts.Changed(db, supplier, [], aiUseAdded: supplier.UsesAi, now));
        var refreshed = new List<Supplier> { supplier };
        if (parent is not null)
        {
            parent.RecordMaterialChange([MaterialChangeKind.NewSubProcessor], now);
            db.AddEvent(SupplierEventFacts.Changed(db, parent, [MaterialChangeKind.NewSubProcessor], aiUseAdded: false, now));
            refreshed.Add(parent);
        }

        await GapTracker.RefreshAsync(db, refreshed, await SupplierSettings.IntervalsAsync(db, cancellationToken), clock.Today(), now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/suppliers/{supplier.Id}", SupplierDto.From(supplier, await SupplierSettings.IntervalsAsync(db, cancellationToken), clock.Today()));
    }

    public static async Task<Results<Ok<SupplierDto>, NotFound, ValidationProblem>> Update(
        Guid id, SaveSupplierRequest request, SupplierDbContext db, MemberDirectory members, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var supplier = await db.Suppliers.Include(s => s.Certificates).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (supplier is null)
        {
            return TypedResults.NotFound();
        }

        var errors = Validate(request);
        var owner = request.Owner.Trim().ToLowerInvariant();
        Supplier? newParent = null;
        if (request.ParentSupplierId is { } parentId && parentId != supplier.ParentSupplierId)
        {
            newParent = await db.Suppliers.Include(s => s.Certificates).FirstOrDefaultAsync(s => s.Id == parentId, cancellationToken);
            if (newParent is null)
            {
                errors["parentSupplierId"] = ["Choose a supplier of this tenant as the parent."];
            }
            else if (await IsWithinAsync(db, parentId, supplier.Id, cancellationToken))
            {
                errors["parentSupplierId"] = ["A supplier cannot be a sub-processor of itself or of its own sub-processors."];
            }
        }

        if (await members.RefuseNonMembersAsync(ActorName.Of(http.User).Key, cancellationToken, ("owner", owner == supplier.Owner ? null : owner)) is { } notMembers)
        {
            foreach (var (field, messages) in notMembers)
            {
                errors[field] = messages;
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        db.ExpectVersion(supplier, (uint)request.Version);
        var now = clock.GetUtcNow();
        var before = MaterialFacts.Of(supplier);
        supplier.LegalName = request.LegalName.Trim();
        supplier.Owner = owner;
        Apply(supplier, request, now);
        var material = MaterialChanges.Between(before, MaterialFacts.Of(supplier));
        supplier.RecordMaterialChange(material, now);
        db.AddEvent(SupplierEventFacts.Changed(db, supplier, material, aiUseAdded: supplier.UsesAi && !before.UsesAi, now));
        var refreshed = new List<Supplier> { supplier };
        if (newParent is not null)
        {
            newParent.RecordMaterialChange([MaterialChangeKind.NewSubProcessor], now);
            db.AddEvent(SupplierEventFacts.Changed(db, newParent, [MaterialChangeKind.NewSubProcessor], aiUseAdded: false, now));
            refreshed.Add(newParent);
        }

        var intervals = await SupplierSettings.IntervalsAsync(db, cancellationToken);
        await GapTracker.RefreshAsync(db, refreshed, intervals, clock.Today(), now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(SupplierDto.From(supplier, intervals, clock.Today()));
    }

    public static async Task<Results<Ok<SupplierDto>, NotFound, ValidationProblem>> RecordMaterialChange(
        Guid id, RecordMaterialChangeRequest request, SupplierDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var supplier = await db.Suppliers.Include(s => s.Certificates).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (supplier is null)
        {
            return TypedResults.NotFound();
        }

        if (request.Kinds is not { Count: > 0 } kinds || kinds.Any(k => !Enum.IsDefined(k)))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kinds"] = ["Name at least one kind of material change."] });
        }

        db.ExpectVersion(supplier, (uint)request.Version);
        var now = clock.GetUtcNow();
        supplier.RecordMaterialChange(kinds, now);
        db.AddEvent(SupplierEventFacts.Changed(db, supplier, kinds.Distinct().ToList(), aiUseAdded: false, now));
        var intervals = await SupplierSettings.IntervalsAsync(db, cancellationToken);
        await GapTracker.RefreshAsync(db, [supplier], intervals, clock.Today(), now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(SupplierDto.From(supplier, intervals, clock.Today()));
    }

    public static async Task<Results<NoContent, NotFound, ValidationProblem>> Delete(Guid id, SupplierDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var supplier = await db.Suppliers.Include(s => s.Certificates).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (supplier is null)
        {
            return TypedResults.NotFound();
        }

        if (await db.Suppliers.AnyAsync(s => s.ParentSupplierId == id, cancellationToken))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["Remove or move the supplier's sub-processors first."] });
        }

        var now = clock.GetUtcNow();
        foreach (var certificate in supplier.Certificates)
        {
            await db.Files.RemoveAsync(certificate.FileId, cancellationToken);
            db.Certificates.Remove(certificate);
            db.AddEvent(SupplierEventFacts.CertificateChanged(db, certificate, now, removed: true));
        }

        foreach (var access in await db.SupplierAccess.Where(a => a.SupplierId == id).ToListAsync(cancellationToken))
        {
            db.SupplierAccess.Remove(access);
            db.AddEvent(SupplierEventFacts.AccessChanged(db, access, supplier.LegalName, now, removed: true));
        }

        db.Assessments.RemoveRange(await db.Assessments.Where(a => a.SupplierId == id).ToListAsync(cancellationToken));
        db.Suppliers.Remove(supplier);
        db.AddEvent(SupplierEventFacts.Changed(db, supplier, [], aiUseAdded: false, now, deleted: true));
        await GapTracker.RefreshAsync(db, [supplier], ReassessmentIntervals.Default, clock.Today(), now, cancellationToken);
        if (await db.GapStates.FirstOrDefaultAsync(g => g.SupplierId == id, cancellationToken) is { } state)
        {
            db.GapStates.Remove(state);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Whether <paramref name="candidate"/> is <paramref name="root"/> or one of its sub-processors, at any depth.</summary>
    private static async Task<bool> IsWithinAsync(SupplierDbContext db, Guid candidate, Guid root, CancellationToken cancellationToken)
    {
        Guid? current = candidate;
        for (var depth = 0; current is { } at && depth <= MaxTreeDepth * 10; depth++)
        {
            if (at == root)
            {
                return true;
            }

            current = await db.Suppliers.AsNoTracking().Where(s => s.Id == at).Select(s => s.ParentSupplierId).FirstOrDefaultAsync(cancellationToken);
        }

        return false;
    }

    private static Dictionary<string, string[]> Validate(SaveSupplierRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        CheckList(errors, "services", request.Services);
        CheckList(errors, "dataCategories", request.DataCategories);
        CheckList(errors, "dataLocations", request.DataLocations);
        if (!Enum.IsDefined(request.Criticality))
        {
            errors["criticality"] = ["Choose Low, Medium, High or Critical."];
        }

        if (!Enum.IsDefined(request.Status))
        {
            errors["status"] = ["Choose Active, Offboarding or Ended."];
        }

        if (!Enum.IsDefined(request.DataClassification))
        {
            errors["dataClassification"] = ["Unknown classification."];
        }

        if (request.ContractStartOn is { } start && request.ContractEndOn is { } end && end < start)
        {
            errors["contractEndOn"] = ["The contract cannot end before it starts."];
        }

        if (request.RiskIds is { Count: > MaxListItems } || request.RiskIds?.Contains(Guid.Empty) == true)
        {
            errors["riskIds"] = [$"Link at most {MaxListItems} risks, by id."];
        }

        if (request.AssetIds is { Count: > MaxListItems } || request.AssetIds?.Contains(Guid.Empty) == true)
        {
            errors["assetIds"] = [$"Link at most {MaxListItems} assets, by id."];
        }

        return errors;
    }

    private static void CheckList(Dictionary<string, string[]> errors, string field, List<string>? values)
    {
        if (values is null)
        {
            return;
        }

        if (values.Count > MaxListItems)
        {
            errors[field] = [$"At most {MaxListItems} entries."];
        }
        else if (values.Any(v => string.IsNullOrWhiteSpace(v) || v.Trim().Length > MaxItemLength))
        {
            errors[field] = [$"Every entry needs 1 to {MaxItemLength} characters."];
        }
    }

    private static List<string> Clean(List<string>? values) =>
        values?.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? [];

    private static void Apply(Supplier supplier, SaveSupplierRequest request, DateTimeOffset now)
    {
        supplier.Services = Clean(request.Services);
        supplier.Criticality = request.Criticality;
        supplier.DataCategories = Clean(request.DataCategories);
        supplier.DataClassification = request.DataClassification;
        supplier.DataLocations = Clean(request.DataLocations);
        supplier.ParentSupplierId = request.ParentSupplierId;
        supplier.ContractStartOn = request.ContractStartOn;
        supplier.ContractEndOn = request.ContractEndOn;
        supplier.NoticePeriodDays = request.NoticePeriodDays;
        supplier.Status = request.Status;
        supplier.AiModelProvider = string.IsNullOrWhiteSpace(request.AiModelProvider) ? null : request.AiModelProvider.Trim();
        supplier.AiDataUsed = string.IsNullOrWhiteSpace(request.AiDataUsed) ? null : request.AiDataUsed.Trim();
        supplier.AiAutomatedDecisions = request.AiAutomatedDecisions;
        supplier.RiskIds = request.RiskIds?.Distinct().ToList() ?? [];
        supplier.AssetIds = request.AssetIds?.Distinct().ToList() ?? [];
        supplier.UpdatedAt = now;
    }
}
