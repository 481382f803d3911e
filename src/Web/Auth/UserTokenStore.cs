using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;

namespace IsmsCloud.Web.Auth;

/// <summary>
/// The one place a sign-in's current tokens live on the server, keyed by the <see cref="WebClaims.Session"/> claim.
///
/// Why not only the cookie: an interactive circuit lives for hours over one WebSocket and can neither read a fresh
/// cookie nor write one, so a circuit holding the tokens it saw at its first request would send an expired access
/// token once the hour is over; and if the circuit refreshed on its own, identity-api (which rotates refresh tokens
/// and treats reuse of a redeemed one as theft) would revoke everything at the next page load, when the cookie
/// presents the old refresh token. So the cookie refresher and every circuit of a sign-in go through this store:
/// whoever needs a fresh token first refreshes it, under a lock, and the others pick the result up.
///
/// Backed by <see cref="IDistributedCache"/> (in memory by default; a shared cache when the web app scales out) and
/// encrypted with data protection, because it holds refresh tokens.
/// </summary>
public sealed class UserTokenStore(
    IDistributedCache cache, IDataProtectionProvider dataProtection, TokenRefresher refresher, TimeProvider clock)
{
    /// <summary>An access token is refreshed when it has less than this left, so no API call carries an expiring one.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(1);

    private static readonly DistributedCacheEntryOptions EntryOptions = new() { SlidingExpiration = TimeSpan.FromDays(14) };

    // Striped locks: bounded memory, and two sign-ins rarely share a stripe (if they do, one just waits).
    private readonly SemaphoreSlim[] locks = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    private readonly IDataProtector protector = dataProtection.CreateProtector("IsmsCloud.Web.UserTokenStore");

    /// <summary>
    /// Tokens good for at least <see cref="RefreshMargin"/>: the newer of the stored ones and <paramref name="seed"/>
    /// (the cookie's), refreshed when needed. Null when the sign-in is over (no tokens, or refresh refused after expiry).
    /// </summary>
    public async Task<UserTokens?> GetCurrentAsync(string session, UserTokens? seed, CancellationToken cancellationToken)
    {
        var stored = await ReadAsync(session, cancellationToken);
        var newest = Newest(stored, seed);
        if (newest is null || !NeedsRefresh(newest))
        {
            return await KeepAsync(session, newest, stored);
        }

        var gate = locks[(uint)StringComparer.Ordinal.GetHashCode(session) % (uint)locks.Length];
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Another request or circuit of this sign-in may have refreshed while we waited.
            stored = await ReadAsync(session, CancellationToken.None);
            newest = Newest(stored, newest)!;
            if (!NeedsRefresh(newest))
            {
                return await KeepAsync(session, newest, stored);
            }

            // Not cancellable: once identity-api has rotated the refresh token, losing its answer would end the sign-in.
            var refreshed = await refresher.RefreshAsync(newest, CancellationToken.None);
            if (refreshed is not null)
            {
                await WriteAsync(session, refreshed);
                return refreshed;
            }

            if (newest.ExpiresAt > clock.GetUtcNow())
            {
                // identity-api did not answer: the token still works for a few seconds, the next call tries again.
                return newest;
            }

            await ForgetAsync(session);
            return null;
        }
        finally
        {
            gate.Release();
        }
    }

    public Task ForgetAsync(string session) => cache.RemoveAsync(Key(session), CancellationToken.None);

    private bool NeedsRefresh(UserTokens tokens) => tokens.ExpiresWithin(RefreshMargin, clock.GetUtcNow());

    private static UserTokens? Newest(UserTokens? stored, UserTokens? seed) =>
        stored is null ? seed : seed is null || stored.ExpiresAt >= seed.ExpiresAt ? stored : seed;

    private async Task<UserTokens?> KeepAsync(string session, UserTokens? newest, UserTokens? stored)
    {
        if (newest is not null && newest != stored)
        {
            await WriteAsync(session, newest);
        }

        return newest;
    }

    private async Task<UserTokens?> ReadAsync(string session, CancellationToken cancellationToken)
    {
        var protectedBytes = await cache.GetAsync(Key(session), cancellationToken);
        if (protectedBytes is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<UserTokens>(protector.Unprotect(protectedBytes));
        }
        catch (Exception exception) when (exception is System.Security.Cryptography.CryptographicException or JsonException)
        {
            // Written under a key ring we no longer have (or an older shape): the cookie's tokens seed it again.
            return null;
        }
    }

    private Task WriteAsync(string session, UserTokens tokens) =>
        cache.SetAsync(Key(session), protector.Protect(JsonSerializer.SerializeToUtf8Bytes(tokens)), EntryOptions, CancellationToken.None);

    private static string Key(string session) => $"isms-web:tokens:{session}";
}
