using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Identity.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Identity.Members;

/// <summary>
/// Publishes every membership of the tenant again (<see cref="TenantStateRequested"/>) as the member event its status
/// stands for, with its revision: directories and reporting ignore revisions they hold. Not an inbox consumer (identity's
/// DbContext has no inbox); a repeated request publishes the same revisions again, which changes nothing downstream.
/// </summary>
public sealed class MemberStateRequestedConsumer(IdentityDbContext db) : IConsumer<TenantStateRequested>
{
    public async Task Consume(ConsumeContext<TenantStateRequested> context)
    {
        var tenantId = context.Message.TenantId;
        var memberships = await (from m in db.Memberships
                                 join u in db.Users on m.UserId equals u.Id
                                 where m.TenantId == tenantId
                                 select new { m, u }).AsNoTracking().ToListAsync(context.CancellationToken);
        foreach (var x in memberships)
        {
            db.AddEvent<IMemberEvent>(x.m.Status switch
            {
                MemberStatus.Removed => MemberEvents.Removed(x.m, x.u),
                MemberStatus.Suspended => MemberEvents.Suspended(x.m, x.u),
                _ => MemberEvents.Added(x.m, x.u),
            });
        }

        await db.SaveChangesAsync(context.CancellationToken);
    }
}
