using IsmsCloud.BuildingBlocks.Members;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace IsmsCloud.BuildingBlocks.Tenancy;

public static class TenancyExtensions
{
    public static IHostApplicationBuilder AddTenancy(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddScoped<TenantContext>();
        builder.Services.TryAddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        builder.Services.TryAddSingleton<TenantStatusCache>();
        builder.Services.TryAddSingleton<MemberAccessCache>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>After authentication: sets the request's tenant from the token and refuses suspended tenants.</summary>
    public static IApplicationBuilder UseTenancy(this IApplicationBuilder app) => app.UseMiddleware<TenantMiddleware>();
}

public static class ApiPipelineExtensions
{
    /// <summary>
    /// The request pipeline of every tenant API: errors as problem details, authentication, the tenant from the
    /// token (suspended tenants refused), then authorization; then query strings and form fields with control characters are refused
    /// before anything binds them.
    /// </summary>
    public static IApplicationBuilder UseTenantApiPipeline(this IApplicationBuilder app)
    {
        app.UseCorrelationId();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseTenancy();
        app.UseAuthorization();
        app.UseTextInputGuard();
        return app;
    }
}
