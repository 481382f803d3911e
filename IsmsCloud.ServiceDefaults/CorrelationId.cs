using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// A correlation id on every request: taken from <c>X-Correlation-ID</c> when the caller (or the gateway) sent one,
/// otherwise the trace id; echoed in the response and put in the logging scope, so one id finds a request's log
/// lines in every service it crossed.
/// </summary>
public static class CorrelationId
{
    public const string HeaderName = "X-Correlation-ID";
    private const int MaxLength = 64;

    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var incoming = context.Request.Headers[HeaderName].ToString();
            var id = IsAcceptable(incoming)
                ? incoming
                : System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
            // Set on the request too, so a proxy (the gateway) forwards it downstream.
            context.Request.Headers[HeaderName] = id;
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[HeaderName] = id;
                return Task.CompletedTask;
            });

            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("CorrelationId");
            using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
            {
                await next(context);
            }
        });

    // Untrusted input ends up in logs: only short ids of safe characters are taken as they are.
    private static bool IsAcceptable(string value) =>
        value.Length is > 0 and <= MaxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
