using Microsoft.AspNetCore.Identity;

namespace IsmsCloud.Identity.Users;

/// <summary>A person who signs in. What they may do is decided per tenant by their memberships.</summary>
public sealed class ApplicationUser : IdentityUser<Guid>
{
    public required string DisplayName { get; set; }
    /// <summary>Platform staff who onboard and suspend tenants; not a member of any tenant by being so.</summary>
    public bool IsPlatformAdmin { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
