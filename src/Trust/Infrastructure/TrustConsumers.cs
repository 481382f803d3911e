using System.Text.Json;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Trust.Profile;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Trust.Infrastructure;

/// <summary>Keeps the current SoA version and date (risk-api publishes a numbered version); the portal shows it (the save evicts its cache).</summary>
public sealed class SoaPublishedConsumer(TrustDbContext db, TimeProvider clock) : InboxConsumer<SoaPublished>(db, clock)
{
    protected override async Task HandleAsync(SoaPublished message, CancellationToken cancellationToken)
    {
        var assurance = await AssuranceFor(db, cancellationToken);
        // Versions are numbered in order; a late redelivery of an older one never replaces a newer one.
        if (assurance.SoaVersionNumber is not { } current || message.VersionNumber >= current)
        {
            assurance.SoaVersionNumber = message.VersionNumber;
            assurance.SoaPublishedAt = message.PublishedAt;
        }
    }

    internal static async Task<TenantAssurance> AssuranceFor(TrustDbContext db, CancellationToken cancellationToken)
    {
        var assurance = await db.Assurance.FirstOrDefaultAsync(cancellationToken);
        if (assurance is null)
        {
            assurance = new TenantAssurance();
            db.Assurance.Add(assurance);
        }

        return assurance;
    }
}

/// <summary>
/// Remembers the last external audit (certification, surveillance, recertification) for the "no surveillance audit
/// in 12 months" warning. audit-api does not exist yet; this consumer is ready for it. Internal audits do not count.
/// </summary>
public sealed class AuditCompletedConsumer(TrustDbContext db, TimeProvider clock) : InboxConsumer<AuditCompleted>(db, clock)
{
    protected override async Task HandleAsync(AuditCompleted message, CancellationToken cancellationToken)
    {
        if (message.Kind == AuditKind.Internal)
        {
            return;
        }

        var assurance = await SoaPublishedConsumer.AssuranceFor(db, cancellationToken);
        if (assurance.LastExternalAuditOn is not { } last || message.CompletedOn >= last)
        {
            assurance.LastExternalAuditOn = message.CompletedOn;
            assurance.LastExternalAuditKind = message.Kind;
        }
    }
}

/// <summary>
/// Keeps reporting-api's confidence erosion (certification evidence looks strong while operational ownership is weak):
/// the warnings tell the tenant when its portal reads stronger than its operations. Only the newest figures count.
/// </summary>
public sealed class SignalsChangedConsumer(TrustDbContext db, TimeProvider clock) : InboxConsumer<SignalsChanged>(db, clock)
{
    protected override async Task HandleAsync(SignalsChanged message, CancellationToken cancellationToken)
    {
        var assurance = await SoaPublishedConsumer.AssuranceFor(db, cancellationToken);
        if (assurance.SignalsComputedAt is { } held && held >= message.ComputedAt)
        {
            return;
        }

        using var figures = JsonDocument.Parse(message.Figures);
        var root = figures.RootElement;
        assurance.ConfidenceErosion = root.TryGetProperty("confidenceErosion", out var erosion) && erosion.TryGetProperty("active", out var active)
            && active.ValueKind == JsonValueKind.True;
        assurance.ActivePatterns = root.TryGetProperty("patterns", out var patterns) && patterns.ValueKind == JsonValueKind.Array
            ? string.Join(",", patterns.EnumerateArray().Select(p => p.TryGetProperty("kind", out var kind) ? kind.GetString() : null).OfType<string>())
            : null;
        assurance.SignalsAsOf = message.AsOf;
        assurance.SignalsComputedAt = message.ComputedAt;
    }
}
