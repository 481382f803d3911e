using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace IsmsCloud.Reporting.Signals;

/// <summary>
/// A 200 with a JSON body serialized beforehand (the live figures, kept serialized per set of facts), declared in the
/// OpenAPI document as <typeparamref name="T"/> like an <c>Ok&lt;T&gt;</c>.
/// </summary>
public sealed class Utf8Json<T>(byte[] body) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        httpContext.Response.ContentLength = body.Length;
        return httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }

#pragma warning disable CA1000 // The interface's static member: ASP.NET Core calls it on the result type, as for its own Ok<T>.
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
#pragma warning restore CA1000
}
