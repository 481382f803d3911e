using IsmsCloud.BuildingBlocks.Sessions;

namespace IsmsCloud.Identity.Infrastructure;

public static class IdentityDataProtection
{
    /// <summary>Part of every protector's purpose: changing it would make every cookie and reset link unreadable.</summary>
    public const string ApplicationName = "isms-identity";

    /// <summary>
    /// identity-api's key ring in its own database, so every instance protects and unprotects the sign-in cookie,
    /// antiforgery tokens and password-reset links with the same keys (docs/decisions/0028).
    /// </summary>
    public static IServiceCollection AddIdentityDataProtection(this IServiceCollection services)
    {
        services.AddSharedDataProtection<IdentityDbContext>(ApplicationName);
        return services;
    }
}
