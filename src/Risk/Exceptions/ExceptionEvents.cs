using IsmsCloud.Contracts.Events;
using IsmsCloud.Risk.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.Exceptions;

public enum ExceptionEventKind
{
    Granted,
    Renewed,
    Expired,
    Closed,
}

/// <summary>The integration events of control exceptions, built from the record so the API and the expiry sweep fill them alike.</summary>
internal static class ExceptionEvents
{
    public static IControlExceptionEvent Create(
        ControlException e, string controlReference, ExceptionEventKind kind, Guid tenantId, DateOnly today, DateTimeOffset at, long version)
    {
        var permanent = e.IsPermanent(today);
        return kind switch
        {
            ExceptionEventKind.Granted => new ExceptionGranted(tenantId, e.Id, e.ControlId, controlReference, e.RiskId, e.FirstGrantedAt, e.ExpiresOn, e.RenewalCount, permanent, at, version),
            ExceptionEventKind.Renewed => new ExceptionRenewed(tenantId, e.Id, e.ControlId, controlReference, e.RiskId, e.FirstGrantedAt, e.ExpiresOn, e.RenewalCount, permanent, at, version),
            ExceptionEventKind.Expired => new ExceptionExpired(tenantId, e.Id, e.ControlId, controlReference, e.RiskId, e.FirstGrantedAt, e.ExpiresOn, e.RenewalCount, permanent, at, version),
            _ => new ExceptionClosed(tenantId, e.Id, e.ControlId, controlReference, e.RiskId, e.FirstGrantedAt, e.ExpiresOn, e.RenewalCount, permanent, at, version),
        };
    }

    /// <summary>The event for the current tenant; events name the control by reference, which the exception does not hold.</summary>
    public static async Task<IControlExceptionEvent> CreateAsync(
        RiskDbContext db, ControlException e, ExceptionEventKind kind, DateOnly today, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var reference = await db.Controls.Where(c => c.Id == e.ControlId).Select(c => c.Reference).FirstAsync(cancellationToken);
        return Create(e, reference, kind, db.CurrentTenantId, today, at, BuildingBlocks.Persistence.EventVersion.After(db, e));
    }
}
