using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Trust.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Trust.Certificates;

/// <summary>
/// Publishes every certificate of the tenant again (<see cref="TenantStateRequested"/>) as <see cref="CertificateChanged"/>
/// with its current version, so a consumer that missed them (reporting's confidence erosion) learns them.
/// </summary>
public sealed class CertificateStateRequestedConsumer(TrustDbContext db, TimeProvider clock) : InboxConsumer<TenantStateRequested>(db, clock)
{
    protected override async Task HandleAsync(TenantStateRequested message, CancellationToken cancellationToken)
    {
        foreach (var certificate in await db.Certificates.AsNoTracking().ToListAsync(cancellationToken))
        {
            db.AddEvent(CertificatesApi.Changed(certificate, CertificateChange.Added, db, certificate.UpdatedAt));
        }
    }
}
