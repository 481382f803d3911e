using System.Security.Claims;
using IsmsCloud.Identity.Infrastructure;
using IsmsCloud.Testing;
using IsmsCloud.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IsmsCloud.IntegrationTests.Web;

/// <summary>
/// Two web instances on one database are one web app to a signed-in user: what one protects the other unprotects,
/// what one caches the other reads, the session cookie and the token store entry one writes the other reads, and all
/// of it is still there after an instance is replaced (a restart). identity-api's instances share their keys likewise.
/// </summary>
public sealed class SharedSessionTests : IAsyncLifetime
{
    private const string Database = "isms_it_web_sessions";
    private const string IdentityDatabase = "isms_it_identity_keys";

    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);

    public Task InitializeAsync() => TestServers.DropDatabasesAsync(Database, IdentityDatabase);

    public Task DisposeAsync() => TestServers.DropDatabasesAsync(Database, IdentityDatabase);

    [Fact]
    public async Task A_payload_protected_by_one_instance_is_unprotected_by_another_and_after_a_restart()
    {
        var a = await WebInstance.StartAsync(Database, clock);
        await using var b = await WebInstance.StartAsync(Database, clock);
        const string purpose = "SharedSessionTests";

        var protectedText = a.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Protect("the payload");

        Assert.Equal("the payload", b.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Unprotect(protectedText));
        // Shared through the database, not through a key folder the two happen to share on this machine.
        Assert.Equal(WebSessionStore.ApplicationName, b.Services.GetRequiredService<IOptions<DataProtectionOptions>>().Value.ApplicationDiscriminator);
        await using (var scope = b.Services.CreateAsyncScope())
        {
            Assert.NotEmpty(await scope.ServiceProvider.GetRequiredService<IsmsCloud.Web.Infrastructure.WebDbContext>().DataProtectionKeys.ToListAsync());
        }

        await a.DisposeAsync();
        await using var restarted = await WebInstance.StartAsync(Database, clock);
        Assert.Equal("the payload", restarted.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Unprotect(protectedText));
    }

    [Fact]
    public async Task A_cache_entry_set_by_one_instance_is_read_by_another_and_after_a_restart()
    {
        var a = await WebInstance.StartAsync(Database, clock);
        await using var b = await WebInstance.StartAsync(Database, clock);

        await a.Services.GetRequiredService<IDistributedCache>().SetAsync("shared", [1, 2, 3], new DistributedCacheEntryOptions());

        Assert.Equal([1, 2, 3], await b.Services.GetRequiredService<IDistributedCache>().GetAsync("shared"));
        await a.DisposeAsync();
        await using var restarted = await WebInstance.StartAsync(Database, clock);
        Assert.Equal([1, 2, 3], await restarted.Services.GetRequiredService<IDistributedCache>().GetAsync("shared"));
    }

    [Fact]
    public async Task The_session_cookie_and_the_token_store_entry_written_by_one_instance_are_read_by_another_and_after_a_restart()
    {
        var a = await WebInstance.StartAsync(Database, clock);
        await using var b = await WebInstance.StartAsync(Database, clock);
        const string session = "a-signed-in-session";
        var tokens = new UserTokens("access-1", "refresh-1", clock.GetUtcNow().AddMinutes(30));
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(WebClaims.Session, session), new Claim("name", "Ada")], "oidc"));

        var cookie = a.CookieFormat.Protect(new AuthenticationTicket(principal, CookieAuthenticationDefaults.AuthenticationScheme));
        await a.Services.GetRequiredService<UserTokenStore>().GetCurrentAsync(session, tokens, CancellationToken.None);

        AssertSession(b);
        Assert.Equal(tokens, await b.Services.GetRequiredService<UserTokenStore>().GetCurrentAsync(session, null, CancellationToken.None));
        await a.DisposeAsync();
        await using var restarted = await WebInstance.StartAsync(Database, clock);
        AssertSession(restarted);
        Assert.Equal(tokens, await restarted.Services.GetRequiredService<UserTokenStore>().GetCurrentAsync(session, null, CancellationToken.None));

        void AssertSession(WebInstance instance)
        {
            var ticket = instance.CookieFormat.Unprotect(cookie);
            Assert.NotNull(ticket);
            Assert.Equal(session, ticket.Principal.FindFirst(WebClaims.Session)?.Value);
        }
    }

    [Fact]
    public async Task The_token_store_keeps_its_entries_protected_in_the_database()
    {
        await using var web = await WebInstance.StartAsync(Database, clock);
        await web.Services.GetRequiredService<UserTokenStore>()
            .GetCurrentAsync("protected-session", new UserTokens("access-secret", "refresh-secret", clock.GetUtcNow().AddMinutes(30)), CancellationToken.None);

        await using var scope = web.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<IsmsCloud.Web.Infrastructure.WebDbContext>()
            .DistributedCacheEntries.SingleAsync(e => e.Key.EndsWith("protected-session"));
        var text = System.Text.Encoding.UTF8.GetString(stored.Value);
        Assert.DoesNotContain("refresh-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("access-secret", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identity_instances_share_their_key_ring_in_the_identity_database()
    {
        await using var a = IdentityKeyRing();
        await using var b = IdentityKeyRing();
        await using (var scope = a.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().Database.MigrateAsync();
        }

        var protectedText = a.GetRequiredService<IDataProtectionProvider>().CreateProtector("reset").Protect("a reset token");

        Assert.Equal("a reset token", b.GetRequiredService<IDataProtectionProvider>().CreateProtector("reset").Unprotect(protectedText));
        await using var scopeB = b.CreateAsyncScope();
        Assert.NotEmpty(await scopeB.ServiceProvider.GetRequiredService<IdentityDbContext>().DataProtectionKeys.ToListAsync());
    }

    // identity-api's own registration of its key ring, on its own context.
    private static ServiceProvider IdentityKeyRing()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddDbContext<IdentityDbContext>(options => options.UseNpgsql(WebInstance.ConnectionString(IdentityDatabase)));
        services.AddIdentityDataProtection();
        return services.BuildServiceProvider();
    }
}
