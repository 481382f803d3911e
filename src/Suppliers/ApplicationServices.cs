using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Demo;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.Contracts;
using IsmsCloud.Suppliers.Access;
using IsmsCloud.Suppliers.Files;
using IsmsCloud.Suppliers.Gaps;
using IsmsCloud.Suppliers.Infrastructure;
using IsmsCloud.Suppliers.Republishing;
using Microsoft.AspNetCore.Http.Features;

namespace IsmsCloud.Suppliers;

internal static class ApplicationServices
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSupplierPolicies();
        builder.AddServiceDatabase<SupplierDbContext, SupplierSqlServerDbContext>(Resources.SupplierDb);
        builder.AddAuditTrail();
        builder.AddServiceMessaging<SupplierDbContext>("suppliers", bus =>
        {
            bus.AddConsumer<TenantStateRequestedConsumer>();
            bus.AddDemoStory<Demo.SupplierDemoStory>(builder);
        });
        builder.Services.AddExceptionHandler<SupplierExceptionHandler>();
        builder.Services.AddExceptionHandler<PersistenceExceptionHandler>();
        builder.Services.AddOptions<SupplierOptions>().BindConfiguration("Suppliers");
        var maxFile = builder.Configuration.GetValue("Suppliers:MaxFileBytes", SupplierOptions.DefaultMaxFileBytes);
        builder.Services.Configure<FormOptions>(options => options.MultipartBodyLengthLimit = maxFile + 64 * 1024);
        builder.Services.AddSingleton<GapSweep>();
        if (builder.Configuration.GetValue("Suppliers:GapSweepEnabled", true))
        {
            builder.Services.AddHostedService<GapSweepJob>();
        }

        // Here, not in ServiceDefaults: the validation source generator only sees the assembly that calls it.
        builder.Services.AddValidation();
        return builder;
    }
}
