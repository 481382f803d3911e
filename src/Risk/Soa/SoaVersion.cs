using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;

namespace IsmsCloud.Risk.Soa;

/// <summary>
/// A published Statement of Applicability: numbered, dated, frozen (rule 4). The entries are a snapshot taken at
/// publication, so the version reads later exactly as published whatever happens to the controls since.
/// <see cref="IImmutableRecord"/> makes the DbContext refuse any update or delete of it.
/// </summary>
public sealed class SoaVersion : ITenantOwned, IImmutableRecord, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    Guid IAudited.AuditRecordId => Id;
    public Guid TenantId { get; set; }
    public int Number { get; init; }
    public DateTimeOffset PublishedAt { get; init; }
    public required string PublishedBy { get; init; }
    public string? Note { get; init; }
    public int ControlCount { get; init; }
    public int ApplicableCount { get; init; }
    public int ImplementedCount { get; init; }
    public required List<SoaVersionEntry> Entries { get; init; }

    /// <summary>
    /// Freezes the controls (with their risk links loaded) as version <paramref name="number"/>. Refused, with the
    /// reason under "controls", while the SoA is empty or any control lacks an applicability decision.
    /// </summary>
    public static (SoaVersion? Version, Dictionary<string, string[]> Errors) Publish(
        IReadOnlyList<Control> controls, int number, string publishedBy, DateTimeOffset at, string? note)
    {
        var undecided = controls.Where(c => !c.IsDecided).Select(c => c.Reference).ToList();
        if (controls.Count == 0 || undecided.Count > 0)
        {
            var shown = string.Join(", ", undecided.Take(10)) + (undecided.Count > 10 ? $" and {undecided.Count - 10} more" : "");
            return (null, new Dictionary<string, string[]>
            {
                ["controls"] = [controls.Count == 0
                    ? "The SoA has no controls."
                    : $"{undecided.Count} control(s) have no applicability decision with a justification yet: {shown}."],
            });
        }

        var version = new SoaVersion
        {
            Number = number,
            PublishedAt = at,
            PublishedBy = publishedBy,
            Note = note,
            ControlCount = controls.Count,
            ApplicableCount = controls.Count(c => c.Applicable == true),
            ImplementedCount = controls.Count(c => c.Applicable == true && c.ImplementationStatus == ImplementationStatus.Implemented),
            Entries = controls.Select(c => new SoaVersionEntry(c.Reference, c.Title, c.Theme, c.IsCustom, c.Applicable!.Value, c.Justification!,
                c.ImplementationStatus, c.Owner, c.EvidenceCadenceDays, c.RiskLinks.Count)).ToList(),
        };
        return (version, []);
    }
}

/// <summary>One control as it stood when the SoA was published (stored as JSON inside the version).</summary>
public sealed record SoaVersionEntry(
    string Reference,
    string Title,
    ControlTheme Theme,
    bool IsCustom,
    bool Applicable,
    string Justification,
    ImplementationStatus ImplementationStatus,
    string? Owner,
    int? EvidenceCadenceDays,
    int LinkedRiskCount);
