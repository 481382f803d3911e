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
internal static class RiskCsvImport
{
    public static readonly string[] Required =
        ["title", "owner", "inherent_likelihood", "inherent_impact", "residual_likelihood", "residual_impact"];

    public static async Task<(int Count, Dictionary<string, string[]> Errors)> ImportAsync(
        string text, RiskDbContext db, Actor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (parsed, errors) = CsvRows.Parse(text, Required);
        if (parsed is null)
        {
            return (0, errors);
        }

        var assetsByName = (await db.Assets.AsNoTracking().Select(a => new { a.Id, a.Name, a.Type, a.AiModelProvider, a.AiAutomatedDecisions }).ToListAsync(cancellationToken))
            .GroupBy(a => a.Name.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First().Id);
        var settings = await RiskSettings.LoadAsync(db, cancellationToken);
        var now = clock.GetUtcNow();
        var today = clock.Today();
        var risks = new List<(Risks.Risk Risk, RiskAssessment Assessment)>();
        foreach (var (line, f) in parsed.Rows)
        {
            var row = new RowErrors(errors, line);
            var title = row.Text(f, "title", 200, required: true, min: 3);
            var owner = row.Email(f, "owner");
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
                if (assetsByName.TryGetValue(name.ToLowerInvariant(), out var id))
                {
                    assetIds.Add(id);
                }
                else
                {
                    row.Add("assets", $"No asset named '{name}'.");
                }
            }

            if (errors.Count > 0)
            {
                continue; // keep checking the other rows, but build nothing once any row failed
            }

            var risk = new Risks.Risk
            {
                Title = title, Owner = owner, CreatedAt = now,
                Description = NullIfEmpty(description), Threat = NullIfEmpty(threat), Vulnerability = NullIfEmpty(vulnerability),
            };
            var assessment = risk.Assess(inherent, residual, actor.Key, now, "Imported from CSV", settings.ReviewIntervalDays)!;
            risk.AssetLinks.AddRange(assetIds.Distinct().Select(a => new RiskAsset { RiskId = risk.Id, AssetId = a }));
            risk.Decide(decision, now);
            risk.RefreshStatus(settings.RiskAppetite, today);
            risks.Add((risk, assessment));
        }

        if (errors.Count > 0 || risks.Count == 0)
        {
            if (errors.Count == 0)
            {
                errors["file"] = ["The file has no rows to import."];
            }

            return (0, errors);
        }

        foreach (var (risk, assessment) in risks)
        {
            db.Risks.Add(risk);
            db.RiskAssessments.Add(assessment);
            db.AddEvent(RiskEvents.Assessed(risk, db.CurrentTenantId, isNew: true, settings));
        }

        await db.SaveChangesAsync(cancellationToken);
        return (risks.Count, errors);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}

/// <summary>Assets from CSV: name, type, classification, owner required; in_scope, description and the AI attributes optional.</summary>
internal static class AssetCsvImport
{
    public static readonly string[] Required = ["name", "type", "classification", "owner"];

    public static async Task<(int Count, Dictionary<string, string[]> Errors)> ImportAsync(
        string text, RiskDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (parsed, errors) = CsvRows.Parse(text, Required);
        if (parsed is null)
        {
            return (0, errors);
        }

        var now = clock.GetUtcNow();
        var assets = new List<Asset>();
        foreach (var (line, f) in parsed.Rows)
        {
            var row = new RowErrors(errors, line);
            var asset = new Asset
            {
                Name = row.Text(f, "name", 200, required: true, min: 2),
                Type = row.Enum(f, "type", AssetType.Information, required: true),
                Classification = row.Enum(f, "classification", Classification.Internal, required: true),
                Owner = row.Email(f, "owner"),
                InScope = row.Bool(f, "in_scope", true),
                Description = NullIfEmpty(row.Text(f, "description", 4000, required: false)),
                AiModelProvider = NullIfEmpty(row.Text(f, "ai_model_provider", 200, required: false)),
                AiDataUsed = NullIfEmpty(row.Text(f, "ai_data_used", 2000, required: false)),
                AiAutomatedDecisions = row.Bool(f, "ai_automated_decisions", false),
                CreatedAt = now,
                UpdatedAt = now,
            };
            assets.Add(asset);
        }

        if (errors.Count > 0 || assets.Count == 0)
        {
            if (errors.Count == 0)
            {
                errors["file"] = ["The file has no rows to import."];
            }

            return (0, errors);
        }

        db.Assets.AddRange(assets);
        await db.SaveChangesAsync(cancellationToken);
        return (assets.Count, errors);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
