using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Risk.Settings;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.Soa;

/// <summary>
/// Rule 4: a new tenant starts with the 93 Annex A controls as undecided SoA entries, and with the default settings.
/// Runs inside the onboarding consumer's save, so a tenant never has half a catalogue.
/// </summary>
public sealed class SoaSeeding(RiskDbContext db, TimeProvider clock) : ITenantOnboardingStep
{
    public Task PrepareAsync(TenantOnboarded message, CancellationToken cancellationToken) => SeedIfMissingAsync(cancellationToken);

    /// <summary>Adds the catalogue and default settings for the current tenant unless it has them. Does not save.</summary>
    public async Task<bool> SeedIfMissingAsync(CancellationToken cancellationToken)
    {
        if (await db.Controls.AnyAsync(c => !c.IsCustom, cancellationToken))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        foreach (var entry in AnnexACatalogue.Controls)
        {
            var control = new Control
            {
                Reference = entry.Reference,
                Title = entry.Title,
                Theme = entry.Theme,
                Guidance = entry.Guidance,
                SortOrder = entry.SortOrder,
                UpdatedAt = now,
            };
            db.Controls.Add(control);
            // Announced like any control, so reporting counts the undecided ones from the first day.
            db.AddEvent(SoaEvents.ControlChanged(control, db, []));
        }

        if (!await db.Settings.AnyAsync(cancellationToken))
        {
            db.Settings.Add(new RiskSettings());
        }

        return true;
    }
}
