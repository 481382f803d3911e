using Microsoft.AspNetCore.Components.Server.Circuits;

namespace IsmsCloud.Web.Auth;

/// <summary>
/// The services of the circuit whose code is running right now, for code that IHttpClientFactory builds in its own
/// DI scope (message handlers). Microsoft's documented pattern: "Access server-side Blazor services from a different
/// DI scope".
/// </summary>
public sealed class CircuitServicesAccessor
{
    private static readonly AsyncLocal<IServiceProvider?> Current = new();

    public IServiceProvider? Services
    {
        get => Current.Value;
        set => Current.Value = value;
    }
}

/// <summary>Sets <see cref="CircuitServicesAccessor.Services"/> around everything a circuit does (renders, events).</summary>
public sealed class ServicesAccessorCircuitHandler(IServiceProvider services, CircuitServicesAccessor accessor) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            accessor.Services = services;
            try
            {
                await next(context);
            }
            finally
            {
                accessor.Services = null;
            }
        };
}
