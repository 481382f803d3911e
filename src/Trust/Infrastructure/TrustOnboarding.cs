using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Trust.Demo;
using IsmsCloud.Trust.Profile;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Trust.Infrastructure;

/// <summary>
/// Creates the tenant's trust profile when it is onboarded: its name and slug, every public section off. Runs inside
/// the onboarding consumer's save (in the new tenant's context), so a redelivered TenantOnboarded finds the profile.
/// </summary>
public sealed class TrustOnboardingStep(TrustDbContext db, TimeProvider clock, DemoTrustPortal demo) : ITenantOnboardingStep
{
    public async Task PrepareAsync(TenantOnboarded message, CancellationToken cancellationToken)
    {
        if (await db.Profiles.AnyAsync(cancellationToken) || db.Profiles.Local.Count > 0)
        {
            return;
        }

        var profile = new TrustProfile { Slug = message.Slug, CompanyName = message.Name, UpdatedAt = clock.GetUtcNow() };
        db.Profiles.Add(profile);
        demo.PopulateIfDemo(message, profile);
    }
}
