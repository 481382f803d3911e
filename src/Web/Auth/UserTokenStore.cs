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
/// Backed by <see cref="IDistributedCache"/> (the web app's database, shared by its instances: <see cref="WebSessionStore"/>)
/// and encrypted with data protection (whose keys the instances share too), because it holds refresh tokens.
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
    /// (the cookie's), refreshed when needed. Null when the sign-in is over (no tokens, a refresh refused, or expired
    /// while identity-api did not answer).
    /// </summary>
    public async Task<UserTokens?> GetCurrentAsync(string session, UserTokens? seed, CancellationToken cancellationToken)
    {
        var stored = await ReadAsync(session, cancellationToken);
        if (stored?.Ended == true)
        {
            return null;
        }

        var newest = Newest(stored?.Tokens, seed);
        if (newest is null || !NeedsRefresh(newest))
        {
            return await KeepAsync(session, newest, stored?.Tokens);
        }

        await using var held = await LockAsync(session, cancellationToken);

        // Another request or circuit of this sign-in may have refreshed (or ended it) while we waited.
        stored = await ReadAsync(session, CancellationToken.None);
        if (stored?.Ended == true)
        {
            return null;
        }

        newest = Newest(stored?.Tokens, newest)!;
        if (!NeedsRefresh(newest))
        {
            return await KeepAsync(session, newest, stored?.Tokens);
        }

        // Not cancellable: once identity-api has rotated the refresh token, losing its answer would end the sign-in.
        var outcome = await refresher.RefreshAsync(newest, CancellationToken.None);
        if (outcome.Tokens is { } refreshed)
        {
            await WriteAsync(session, new StoredSignIn(refreshed, Ended: false));
            return refreshed;
        }

        if (outcome.Refused)
        {
            await EndAsync(session);
            return null;
        }

        if (newest.ExpiresAt > clock.GetUtcNow())
        {
            // identity-api did not answer: the token still works for a few seconds, the next call tries again.
            return newest;
        }

        await ForgetAsync(session);
        return null;
    }

    /// <summary>
    /// An API refused <paramref name="rejectedAccessToken"/> (401) before it expired: typically the member's role
    /// changed, and the service refuses tokens issued for the old one. Refreshes once for every request that saw
    /// the same refusal (the others get the result, so a rotated refresh token is redeemed once). A refusal of the
    /// refresh means the sign-in is over: the session is marked ended, so the cookie's copy of the tokens cannot
    /// bring it back.
    /// </summary>
    public async Task<RenewalResult> RenewRejectedAsync(string session, string rejectedAccessToken, CancellationToken cancellationToken)
    {
        await using var held = await LockAsync(session, cancellationToken);
        var stored = await ReadAsync(session, CancellationToken.None);
        if (stored?.Ended == true)
        {
            return RenewalResult.EndOfSignIn;
        }

        if (stored?.Tokens is not { } tokens)
        {
            return RenewalResult.Unavailable;
        }

        if (tokens.AccessToken != rejectedAccessToken)
        {
            return new RenewalResult(tokens, SignInEnded: false);
        }

        var outcome = await refresher.RefreshAsync(tokens, CancellationToken.None);
        if (outcome.Tokens is { } refreshed)
        {
            await WriteAsync(session, new StoredSignIn(refreshed, Ended: false));
            return new RenewalResult(refreshed, SignInEnded: false);
        }

        if (outcome.Refused)
        {
            await EndAsync(session);
            return RenewalResult.EndOfSignIn;
        }

        return RenewalResult.Unavailable;
    }

    /// <summary>Whether identity-api refused to go on with this sign-in (as opposed to it never having been stored).</summary>
    public async Task<bool> HasEndedAsync(string session, CancellationToken cancellationToken) =>
        (await ReadAsync(session, cancellationToken))?.Ended == true;

    /// <summary>Drops the tokens of a sign-in that ends normally (sign-out, another sign-in replacing it).</summary>
    public Task ForgetAsync(string session) => cache.RemoveAsync(Key(session), CancellationToken.None);

    private Task EndAsync(string session) => WriteAsync(session, new StoredSignIn(null, Ended: true));

    private async Task<IAsyncDisposable> LockAsync(string session, CancellationToken cancellationToken)
    {
        var gate = locks[(uint)StringComparer.Ordinal.GetHashCode(session) % (uint)locks.Length];
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    private bool NeedsRefresh(UserTokens tokens) => tokens.ExpiresWithin(RefreshMargin, clock.GetUtcNow());

    private static UserTokens? Newest(UserTokens? stored, UserTokens? seed) =>
        stored is null ? seed : seed is null || stored.ExpiresAt >= seed.ExpiresAt ? stored : seed;

    private async Task<UserTokens?> KeepAsync(string session, UserTokens? newest, UserTokens? stored)
    {
        if (newest is not null && newest != stored)
        {
            await WriteAsync(session, new StoredSignIn(newest, Ended: false));
        }

        return newest;
    }

    private async Task<StoredSignIn?> ReadAsync(string session, CancellationToken cancellationToken)
    {
        var protectedBytes = await cache.GetAsync(Key(session), cancellationToken);
        if (protectedBytes is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<StoredSignIn>(protector.Unprotect(protectedBytes));
        }
        catch (Exception exception) when (exception is System.Security.Cryptography.CryptographicException or JsonException)
        {
            // Written under a key ring we no longer have (or an older shape): the cookie's tokens seed it again.
            return null;
        }
    }

    private Task WriteAsync(string session, StoredSignIn signIn) =>
        cache.SetAsync(Key(session), protector.Protect(JsonSerializer.SerializeToUtf8Bytes(signIn)), EntryOptions, CancellationToken.None);

    private static string Key(string session) => $"isms-web:tokens:{session}";

    /// <summary>What the store keeps per sign-in: its tokens, or the mark that identity-api ended it.</summary>
    private sealed record StoredSignIn(UserTokens? Tokens, bool Ended);

    private sealed class Release(SemaphoreSlim gate) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            gate.Release();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>
/// What <see cref="UserTokenStore.RenewRejectedAsync"/> found: tokens to retry with, the end of the sign-in, or
/// neither (identity-api did not answer: the refusal stands for this call).
/// </summary>
public sealed record RenewalResult(UserTokens? Tokens, bool SignInEnded)
{
    public static RenewalResult EndOfSignIn { get; } = new(null, true);

    public static RenewalResult Unavailable { get; } = new(null, false);
}
