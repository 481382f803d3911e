using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IsmsCloud.BuildingBlocks.Sessions;

public static class SharedDataProtectionExtensions
{
    /// <summary>
    /// Data protection with its key ring in the service's own database instead of the default per-process folder, so
    /// that every instance of the service (and the same instance after a restart or a new pod) protects and unprotects
    /// with the same keys: a cookie, an antiforgery token, a password-reset link or a protected cache entry made by one
    /// replica is read by any other. <paramref name="applicationName"/> isolates the service's payloads (the
    /// discriminator of every protector), so it must stay the same across releases and differ between services; each
    /// service keeps its ring in its own database anyway, because no other service may read its keys. The keys are
    /// stored unencrypted (the database's access control protects them, as it protects the data they guard); the ring
    /// is reread every 24 hours and a new key is made two days before the current one expires, so replicas agree on
    /// it before it is used.
    /// </summary>
    public static IDataProtectionBuilder AddSharedDataProtection<TContext>(this IServiceCollection services, string applicationName)
        where TContext : DbContext, IDataProtectionKeyContext =>
        services.AddDataProtection()
            .SetApplicationName(applicationName)
            .PersistKeysToDbContext<TContext>();
}
