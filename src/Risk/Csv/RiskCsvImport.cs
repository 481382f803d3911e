using IsmsCloud.BuildingBlocks.Csv;
using IsmsCloud.BuildingBlocks.Members;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Risk.Access;
using IsmsCloud.Risk.Assets;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Risk.Risks;
using IsmsCloud.Risk.Settings;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.Csv;

/// <summary>
/// Risks from CSV: title, owner, inherent and residual ratings are required; description, threat, vulnerability,
/// decision and assets (asset names separated by ';') are optional. Each imported risk gets its first assessment in
/// its history and a RiskAssessed event, exactly like one created by hand.
/// </summary>
internal sealed class RiskCsvImport : ICsvRowImporter<RiskDbContext, RiskCsvImport.ImportedRisk>
{
    private readonly Dictionary<string, Guid> _assetsByName;
    private readonly RiskSettings _settings;
    private readonly Actor _actor;
    private readonly ActiveMembers _members;
    private readonly DateTimeOffset _now;
    private readonly DateOnly _today;

    private RiskCsvImport(Dictionary<string, Guid> assetsByName, RiskSettings settings, Actor actor, ActiveMembers members, TimeProvider clock)
    {
        _members = members;
        _assetsByName = assetsByName;
        _settings = settings;
        _actor = actor;
        _now = clock.GetUtcNow();
        _today = clock.Today();
    }

    public sealed record ImportedRisk(Risks.Risk Risk, RiskAssessment Assessment);

    /// <summary>The columns a file must have; the export writes them first, so an export imports back.</summary>
    public static readonly string[] Required =
        ["title", "owner", "inherent_likelihood", "inherent_impact", "residual_likelihood", "residual_impact"];

    public IReadOnlyList<string> RequiredColumns => Required;

    /// <summary>Loads what every row is checked against (the tenant's asset names, members and risk settings) once per file.</summary>
    public static async Task<RiskCsvImport> CreateAsync(RiskDbContext db, Actor actor, MemberDirectory members, TimeProvider clock, CancellationToken cancellationToken)
    {
        var assets = await db.Assets.AsNoTracking().Select(a => new { a.Id, a.Name }).ToListAsync(cancellationToken);
        var assetsByName = assets.GroupBy(a => a.Name.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First().Id);
        var settings = await RiskSettings.LoadAsync(db, cancellationToken);
        return new RiskCsvImport(assetsByName, settings, actor, await members.ActiveMembersAsync(actor.Key, cancellationToken), clock);
    }

    public ImportedRisk? Check(RowErrors row, Dictionary<string, string> f)
    {
        var title = row.Text(f, "title", 200, required: true, min: 3);
        var owner = row.Member(f, "owner", _members);
        var inherent = new RiskScore(row.Rating(f, "inherent_likelihood"), row.Rating(f, "inherent_impact"));
        var residual = new RiskScore(row.Rating(f, "residual_likelihood"), row.Rating(f, "residual_impact"));
        var description = row.Text(f, "description", 4000, required: false);
        var threat = row.Text(f, "threat", 2000, required: false);
        var vulnerability = row.Text(f, "vulnerability", 2000, required: false);
        var decision = f.GetValueOrDefault("decision", "").Trim().Length == 0
            ? (TreatmentDecision?)null
            : row.Enum(f, "decision", TreatmentDecision.Treat, required: true);
        var assetIds = new List<Guid>();
        foreach (var name in f.GetValueOrDefault("assets", "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (_assetsByName.TryGetValue(name.ToLowerInvariant(), out var id))
            {
                assetIds.Add(id);
            }
            else
            {
                row.Add("assets", $"No asset named '{name}'.");
            }
        }

        if (row.HasErrors)
        {
            return null;
        }

        var risk = new Risks.Risk
        {
            Title = title, Owner = owner, CreatedAt = _now,
            Description = NullIfEmpty(description), Threat = NullIfEmpty(threat), Vulnerability = NullIfEmpty(vulnerability),
        };
        var assessment = risk.Assess(inherent, residual, _actor.Key, _now, "Imported from CSV", _settings.ReviewIntervalDays)!;
        risk.AssetLinks.AddRange(assetIds.Distinct().Select(a => new RiskAsset { RiskId = risk.Id, AssetId = a }));
        risk.Decide(decision, _now);
        risk.RefreshStatus(_settings.RiskAppetite, _today);
        return new ImportedRisk(risk, assessment);
    }

    public void Add(RiskDbContext db, ImportedRisk record)
    {
        db.Risks.Add(record.Risk);
        db.RiskAssessments.Add(record.Assessment);
        db.AddEvent(RiskEvents.Assessed(record.Risk, db, isNew: true, _settings));
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}

/// <summary>Assets from CSV: name, type, classification, owner required; in_scope, description and the AI attributes optional.</summary>
internal sealed class AssetCsvImport(TimeProvider clock, ActiveMembers members) : ICsvRowImporter<RiskDbContext, Asset>
{
    private readonly DateTimeOffset _now = clock.GetUtcNow();

    public IReadOnlyList<string> RequiredColumns { get; } = ["name", "type", "classification", "owner"];

    public Asset? Check(RowErrors row, Dictionary<string, string> f)
    {
        var asset = new Asset
        {
            Name = row.Text(f, "name", 200, required: true, min: 2),
            Type = row.Enum(f, "type", AssetType.Information, required: true),
            Classification = row.Enum(f, "classification", Classification.Internal, required: true),
            Owner = row.Member(f, "owner", members),
            InScope = row.Bool(f, "in_scope", true),
            Description = NullIfEmpty(row.Text(f, "description", 4000, required: false)),
            AiModelProvider = NullIfEmpty(row.Text(f, "ai_model_provider", 200, required: false)),
            AiDataUsed = NullIfEmpty(row.Text(f, "ai_data_used", 2000, required: false)),
            AiAutomatedDecisions = row.Bool(f, "ai_automated_decisions", false),
            CreatedAt = _now,
            UpdatedAt = _now,
        };
        return row.HasErrors ? null : asset;
    }

    public void Add(RiskDbContext db, Asset record) => db.Assets.Add(record);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
