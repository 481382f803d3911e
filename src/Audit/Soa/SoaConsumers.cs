using IsmsCloud.Audits.Infrastructure;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Contracts.Events;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Audits.Soa;

/// <summary>Keeps the tenant's controls as risk-api announces them, so findings can reference custom controls and name control ids.</summary>
public sealed class ControlChangedConsumer(AuditDbContext db, TimeProvider clock) : InboxConsumer<ControlChanged>(db, clock)
{
    protected override async Task HandleAsync(ControlChanged message, CancellationToken cancellationToken)
    {
        var control = await db.KnownControls.FirstOrDefaultAsync(c => c.ControlId == message.ControlId, cancellationToken);
        if (control is null)
        {
            control = new KnownControl { ControlId = message.ControlId, Reference = "", Title = "" };
            db.KnownControls.Add(control);
        }
        else if (control.ChangedAt > message.ChangedAt)
        {
            return; // an older announcement arriving late
        }

        control.Reference = ReferenceCatalogue.Normalize(message.Reference);
        control.Title = message.Title;
        control.IsCustom = message.IsCustom;
        control.Applicable = message.Applicable;
        control.ChangedAt = message.ChangedAt;
    }
}
