using System.Diagnostics;
using System.Security.Claims;
using IsmsCloud.Contracts;
using Microsoft.AspNetCore.Http;

namespace IsmsCloud.BuildingBlocks.Audit;

/// <summary>
/// Who made a change, as the trail names them: by id only (a person's name or e-mail is not part of the hashed
/// content, so their details can be erased without breaking the chain; showing names is the member directory's job),
/// and the correlation id that finds the request's log lines in every service it crossed.
/// </summary>
public sealed record AuditActor(string Id, string? CorrelationId)
{
    public const string SystemId = "system";
    public const string AnonymousId = "anonymous";
    private const int MaxCorrelationLength = 64;

    /// <summary>
    /// The token's subject (a user id, or an integration's client id) inside an authenticated request, "anonymous" in
    /// a request without one (a trust-portal visitor), "system" outside a request (consumers, scheduled jobs), whose
    /// correlation id is the trace id they continue.
    /// </summary>
    public static AuditActor Of(HttpContext? http)
    {
        if (http is null)
        {
            return new AuditActor(SystemId, Trimmed(Activity.Current?.TraceId.ToString()));
        }

        var correlation = Trimmed(http.Request.Headers[Microsoft.Extensions.Hosting.CorrelationId.HeaderName].ToString()) ?? Trimmed(Activity.Current?.TraceId.ToString());
        var id = http.User is { Identity.IsAuthenticated: true } user
            ? user.FindFirstValue(IsmsClaims.Subject) ?? "unknown"
            : AnonymousId;
        return new AuditActor(id, correlation);
    }

    private static string? Trimmed(string? value) =>
        string.IsNullOrEmpty(value) || value == "00000000000000000000000000000000" ? null
        : value.Length > MaxCorrelationLength ? value[..MaxCorrelationLength] : value;
}

/// <summary>Where a save learns who is acting; registered once per service (HTTP request or background work).</summary>
public interface IAuditActorAccessor
{
    AuditActor Current { get; }
}

internal sealed class HttpAuditActorAccessor(IHttpContextAccessor http) : IAuditActorAccessor
{
    public AuditActor Current => AuditActor.Of(http.HttpContext);
}
