using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace IsmsCloud.Trust.Portal;

/// <summary>
/// Renders the portal's Razor components to static HTML (no circuit, no script) and writes responses with a strong
/// ETag, answering a matching If-None-Match with 304.
/// </summary>
public sealed class PortalRenderer(IServiceProvider services, ILoggerFactory loggerFactory)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
    };

    public async Task<string> RenderAsync<TComponent>(IDictionary<string, object?> parameters) where TComponent : IComponent
    {
        await using var renderer = new HtmlRenderer(services, loggerFactory);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });
    }

    public async Task<IResult> PageAsync<TComponent>(IDictionary<string, object?> parameters, int statusCode = StatusCodes.Status200OK)
        where TComponent : IComponent
    {
        var html = await RenderAsync<TComponent>(parameters);
        return Results.Text(html, "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }

    /// <summary>A cacheable representation: ETag from its bytes; 304 when the client already has it.</summary>
    public static IResult Conditional(HttpContext http, byte[] body, string contentType)
    {
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"";
        var headers = http.Response.Headers;
        headers.ETag = etag;
        // Browsers and proxies revalidate every time (cheap with the ETag): validity is "as of today", never stale.
        headers.CacheControl = "public, no-cache";
        headers.XContentTypeOptions = "nosniff";
        var ifNoneMatch = http.Request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0 && (ifNoneMatch.Trim() == "*" || ifNoneMatch.Split(',').Any(t => t.Trim().TrimStart('W', '/') == etag)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(body, contentType);
    }
}
