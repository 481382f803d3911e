using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Sessions;
using IsmsCloud.Contracts;
using IsmsCloud.Web.Infrastructure;

namespace IsmsCloud.Web.Auth;

/// <summary>
/// What a sign-in needs to survive being served by another instance of the web app, or by this one after a restart:
/// the data-protection key ring that protects the session cookie (and the token store's entries, and antiforgery
/// tokens), and the distributed cache <see cref="UserTokenStore"/> keeps the current tokens in — both in the web app's
/// own database (docs/decisions/0028).
/// </summary>
public static class WebSessionStore
{
    /// <summary>The data-protection application name: part of every protector's purpose, so it must never change.</summary>
    public const string ApplicationName = "isms-web";

    public static IHostApplicationBuilder AddWebSessionStore(this IHostApplicationBuilder builder)
    {
        builder.AddProviderDbContext<WebDbContext, WebSqlServerDbContext>(Resources.WebDb);
        builder.Services.AddSharedDataProtection<WebDbContext>(ApplicationName);
        builder.Services.AddDatabaseDistributedCache<WebDbContext>();
        return builder;
    }
}
