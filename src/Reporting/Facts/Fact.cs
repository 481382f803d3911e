using System.Text.Json;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IsmsCloud.Reporting.Facts;

/// <summary>The kinds of record reporting keeps facts of; one per aggregate of another service.</summary>
public enum FactKind
{
    Risk,
    TreatmentAction,
    Control,
    Evidence,
    ControlException,
    Incident,
    Certificate,
    Member,
    Audit,
    Finding,
    CorrectiveAction,
    AccessReview,
    AccessReviewItem,
    Supplier,
    SupplierAssessment,
    SupplierCertificate,
    SupplierSettings,
    ManagementReview,
    ReviewTask,
    Questionnaire,
}

/// <summary>
/// One version of another service's record, as an event stated it, with the time it took effect (SIGNALS.md "Dates and
/// facts"): every figure for any day is computed from the version of each record in effect then, so history is kept
/// rather than a running total. A version is stored only when it is newer than every one held for the record (events
/// come twice, late and out of order); a deletion is a version too, one beyond the record's last state.
/// </summary>
public sealed class Fact : ITenantOwned, IImmutableRecord
{
    public Guid TenantId { get; set; }
    public FactKind Kind { get; init; }
    public Guid RecordId { get; init; }
    public long Version { get; init; }
    public DateTimeOffset EffectiveAt { get; init; }
    public bool Deleted { get; init; }

    /// <summary>The record's state as JSON (one of the payloads in <see cref="FactPayloads"/>); empty for a deletion.</summary>
    public required string Data { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }
}

internal sealed class FactConfiguration : IEntityTypeConfiguration<Fact>
{
    public void Configure(EntityTypeBuilder<Fact> builder)
    {
        builder.ToTable("Facts");
        builder.HasKey(f => new { f.TenantId, f.Kind, f.RecordId, f.Version });
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(40);
        // The facts cache catches up on a tenant's newest facts by receive time (TenantFactsCache): without this index
        // that is a pass over every row of the tenant, on a read that should take milliseconds.
        builder.HasIndex(f => new { f.TenantId, f.ReceivedAt });
    }
}

/// <summary>Stores fact versions, keeping only newer ones (the one place that rule lives).</summary>
public static class FactStore
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Adds a version of a record unless one at least as new is held; returns the fact added, or null. The caller saves
    /// (with the inbox mark, in one transaction). Two different versions racing in from competing consumers both land:
    /// each is a version, and the newest wins whenever the record is read.
    /// </summary>
    public static async Task<Fact?> AddIfNewerAsync<TPayload>(
        DbContext db, FactKind kind, Guid recordId, long version, DateTimeOffset effectiveAt, TPayload? payload, DateTimeOffset now,
        CancellationToken cancellationToken) where TPayload : class
    {
        var facts = db.Set<Fact>();
        var held = await facts.Where(f => f.Kind == kind && f.RecordId == recordId)
            .MaxAsync(f => (long?)f.Version, cancellationToken);
        if (held >= version || facts.Local.Any(f => f.Kind == kind && f.RecordId == recordId && f.Version >= version))
        {
            return null;
        }

        var fact = new Fact
        {
            Kind = kind, RecordId = recordId, Version = version, EffectiveAt = effectiveAt, Deleted = payload is null,
            Data = payload is null ? "" : JsonSerializer.Serialize(payload, Json), ReceivedAt = now,
        };
        facts.Add(fact);
        return fact;
    }

    /// <summary>The version a deletion is stored at: an event from before versions says 0, and must still win over the states held.</summary>
    public static long DeletionVersion(long version) => version == 0 ? long.MaxValue : version;

    public static Task<Fact?> AddDeletionAsync(DbContext db, FactKind kind, Guid recordId, long version, DateTimeOffset at, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        AddIfNewerAsync<object>(db, kind, recordId, version, at, null, now, cancellationToken);

    public static T Read<T>(this Fact fact) => JsonSerializer.Deserialize<T>(fact.Data, Json)
        ?? throw new InvalidOperationException($"Fact {fact.Kind} {fact.RecordId} v{fact.Version} holds no {typeof(T).Name}.");
}
