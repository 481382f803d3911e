namespace IsmsCloud.Contracts.Events;

/// <summary>
/// The head of a tenant's audit chain in one service at the close of a UTC day: its last entry's sequence number and
/// hash. Kept outside that service (by reporting), so a history rewritten afterwards cannot match the hash already
/// published; the service's verify endpoint takes it back as an anchor.
/// </summary>
public sealed record AuditTrailHeadPublished(
    Guid TenantId,
    string Service,
    DateOnly Day,
    long Sequence,
    string Hash,
    DateTimeOffset HeadOccurredAt,
    DateTimeOffset PublishedAt) : ITenantEvent;
