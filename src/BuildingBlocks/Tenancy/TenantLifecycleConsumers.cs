using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Contracts.Events;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.BuildingBlocks.Tenancy;

/// <summary>Records a new tenant in this service's KnownTenants (every service runs this consumer).</summary>
public sealed class TenantOnboardedConsumer(ServiceDbContext db, TimeProvider clock, IEnumerable<ITenantOnboardingStep> steps)
    : InboxConsumer<TenantOnboarded>(db, clock)
{
    protected override async Task HandleAsync(TenantOnboarded message, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var known = await Db.KnownTenants.FindAsync([message.TenantId], cancellationToken);
        if (known is null)
        {
            Db.KnownTenants.Add(new KnownTenant
            {
                TenantId = message.TenantId,
                Name = message.Name,
                Slug = message.Slug,
                Status = TenantStatus.Active,
                OnboardedAtUtc = message.OnboardedAt.UtcDateTime,
                UpdatedAtUtc = now,
                StatusChangedAtUtc = message.OnboardedAt.UtcDateTime,
            });
        }
        else
        {
            known.Name = message.Name;
            known.Slug = message.Slug;
            known.UpdatedAtUtc = now;
        }

        // The service's own per-tenant preparation (e.g. seeding the Statement of Applicability) joins the same save.
        foreach (var step in steps)
        {
            await step.PrepareAsync(message, cancellationToken);
        }
    }
}

/// <summary>A service's own work when a tenant is onboarded; runs inside the onboarding consumer's single save.</summary>
public interface ITenantOnboardingStep
{
    Task PrepareAsync(TenantOnboarded message, CancellationToken cancellationToken);
}

public sealed class TenantSuspendedConsumer(ServiceDbContext db, TimeProvider clock, TenantStatusCache cache)
    : InboxConsumer<TenantSuspended>(db, clock)
{
    protected override Task HandleAsync(TenantSuspended message, CancellationToken cancellationToken) =>
        TenantStatusUpdate.ApplyAsync(Db, Clock, message.TenantId, TenantStatus.Suspended, message.SuspendedAt, cancellationToken);

    protected override void AfterSave(TenantSuspended message) => cache.Forget(message.TenantId);
}

public sealed class TenantReactivatedConsumer(ServiceDbContext db, TimeProvider clock, TenantStatusCache cache)
    : InboxConsumer<TenantReactivated>(db, clock)
{
    protected override Task HandleAsync(TenantReactivated message, CancellationToken cancellationToken) =>
        TenantStatusUpdate.ApplyAsync(Db, Clock, message.TenantId, TenantStatus.Active, message.ReactivatedAt, cancellationToken);

    protected override void AfterSave(TenantReactivated message) => cache.Forget(message.TenantId);
}

internal static class TenantStatusUpdate
{
    /// <summary>
    /// Suspension and reactivation travel on different queues and may arrive out of order (a retry can overtake):
    /// the change that happened last at identity-api wins, whatever order the events arrive in.
    /// </summary>
    public static async Task ApplyAsync(ServiceDbContext db, TimeProvider clock, Guid tenantId, TenantStatus status, DateTimeOffset changedAt, CancellationToken cancellationToken)
    {
        var known = await db.KnownTenants.FirstOrDefaultAsync(t => t.TenantId == tenantId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (known is null)
        {
            // Suspended before this service heard of the onboarding (events of different types may overtake each other).
            db.KnownTenants.Add(new KnownTenant
            {
                TenantId = tenantId, Name = "", Slug = "", Status = status, OnboardedAtUtc = now, UpdatedAtUtc = now,
                StatusChangedAtUtc = changedAt.UtcDateTime,
            });
        }
        else if (changedAt.UtcDateTime >= known.StatusChangedAtUtc)
        {
            known.Status = status;
            known.StatusChangedAtUtc = changedAt.UtcDateTime;
            known.UpdatedAtUtc = now;
        }
    }
}
