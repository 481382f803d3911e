using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.Contracts.Events;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.BuildingBlocks.Members;

/// <summary>
/// Keeps <see cref="KnownMember"/> from any member event: each carries the membership's whole state and revision,
/// so applying is one upsert, and an event older than the row (events of different types travel on different
/// queues and may overtake each other) changes nothing.
/// </summary>
public abstract class MemberDirectoryConsumer<TEvent>(ServiceDbContext db, TimeProvider clock, MemberAccessCache cache)
    : InboxConsumer<TEvent>(db, clock) where TEvent : class, IMemberEvent
{
    protected override async Task HandleAsync(TEvent message, CancellationToken cancellationToken)
    {
        var known = await Db.KnownMembers.FirstOrDefaultAsync(m => m.UserId == message.UserId, cancellationToken);
        if (known is null)
        {
            known = new KnownMember
            {
                TenantId = message.TenantId, UserId = message.UserId, Email = "", DisplayName = "", Role = "", Revision = int.MinValue,
            };
            Db.KnownMembers.Add(known);
        }

        if (message.Revision < known.Revision)
        {
            return;
        }

        known.Email = message.Email.Trim().ToLowerInvariant();
        known.DisplayName = message.DisplayName;
        known.Role = message.Role;
        known.Status = message.Status;
        known.AccessEndsAt = message.AccessEndsAt;
        known.Revision = message.Revision;
        known.ChangedAt = message.ChangedAt;
        known.UpdatedAtUtc = Clock.GetUtcNow().UtcDateTime;
    }

    protected override void AfterSave(TEvent message) => cache.Forget(message.TenantId, message.UserId);
}

public sealed class MemberAddedConsumer(ServiceDbContext db, TimeProvider clock, MemberAccessCache cache)
    : MemberDirectoryConsumer<MemberAdded>(db, clock, cache);

public sealed class MemberRoleChangedConsumer(ServiceDbContext db, TimeProvider clock, MemberAccessCache cache)
    : MemberDirectoryConsumer<MemberRoleChanged>(db, clock, cache);

public sealed class MemberSuspendedConsumer(ServiceDbContext db, TimeProvider clock, MemberAccessCache cache)
    : MemberDirectoryConsumer<MemberSuspended>(db, clock, cache);

public sealed class MemberReactivatedConsumer(ServiceDbContext db, TimeProvider clock, MemberAccessCache cache)
    : MemberDirectoryConsumer<MemberReactivated>(db, clock, cache);

public sealed class MemberRemovedConsumer(ServiceDbContext db, TimeProvider clock, MemberAccessCache cache)
    : MemberDirectoryConsumer<MemberRemoved>(db, clock, cache);
