namespace IsmsCloud.Contracts.Events;

/// <summary>
/// Every integration event belongs to exactly one tenant; consumers run in that tenant's context.
/// </summary>
public interface ITenantEvent
{
    Guid TenantId { get; }
}
