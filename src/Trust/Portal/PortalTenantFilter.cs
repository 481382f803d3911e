namespace IsmsCloud.Trust.Portal;

/// <summary>
/// Runs every public portal route as the tenant behind its {slug} (<see cref="PortalTenants.EnterAsync"/>), so no
/// handler can forget to. An unknown, suspended or switched-off portal never reaches the handler: it gets the route's
/// <see cref="PortalMissing"/> answer, the HTML "not found" page unless the route says otherwise.
/// </summary>
public sealed class PortalTenantFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var tenants = http.RequestServices.GetRequiredService<PortalTenants>();
        if (await tenants.EnterAsync(http.Request.RouteValues["slug"] as string, http, http.RequestAborted))
        {
            return await next(context);
        }

        var missing = http.GetEndpoint()?.Metadata.GetMetadata<PortalMissing>() ?? PortalMissing.Page;
        return await missing.Respond(http);
    }
}

/// <summary>What a portal route answers when there is no portal at its slug.</summary>
public sealed record PortalMissing(Func<HttpContext, Task<IResult>> Respond)
{
    public static PortalMissing Page { get; } = new(http => PortalApi.NotFoundPageAsync(http.RequestServices.GetRequiredService<PortalRenderer>()));

    public static PortalMissing Problem { get; } = new(_ => Task.FromResult(Results.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "There is no trust portal at this address.")));

    public static PortalMissing Empty { get; } = new(_ => Task.FromResult(Results.NotFound()));

    /// <summary>The not-found page, never stored by a browser or proxy: for the personal link's routes.</summary>
    public static PortalMissing PageNotStored { get; } = new(http =>
    {
        http.Response.Headers.CacheControl = "no-store";
        return Page.Respond(http);
    });
}

public static class PortalRouteExtensions
{
    /// <summary>Every route of the group enters the slug's tenant first.</summary>
    public static RouteGroupBuilder ForPortalTenant(this RouteGroupBuilder group) => group.AddEndpointFilter<PortalTenantFilter>();

    public static TBuilder WhenPortalMissing<TBuilder>(this TBuilder builder, PortalMissing answer)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(answer);
}
