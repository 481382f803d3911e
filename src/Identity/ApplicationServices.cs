using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.Contracts;
using IsmsCloud.Identity.Apis;
using IsmsCloud.Identity.Connect;
using IsmsCloud.Identity.Infrastructure;
using IsmsCloud.Identity.Members;
using MassTransit;
using IsmsCloud.Identity.Seeding;
using IsmsCloud.Identity.Tenants;
using IsmsCloud.Identity.Users;
using Microsoft.AspNetCore.Identity;

namespace IsmsCloud.Identity;

internal static class ApplicationServices
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddProviderDbContext<IdentityDbContext, IdentitySqlServerDbContext>(Resources.IdentityDb);
        builder.AddServiceMessaging<IdentityDbContext>("identity", x =>
        {
            x.AddConsumer<TenantDataErasedConsumer>();
            x.AddConsumer<MemberStateRequestedConsumer>();
        }, consumesTenantLifecycle: false);
        services.Configure<TenantDeletionOptions>(builder.Configuration.GetSection("TenantDeletion"));
        services.AddSingleton<TenantDeletionSweep>();
        if (builder.Configuration.GetValue("TenantDeletion:Enabled", true))
        {
            services.AddHostedService<TenantDeletionJob>();
        }


        services.AddIdentity<ApplicationUser, IdentityRole<Guid>>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 12;
                options.Password.RequiredUniqueChars = 4;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.SignIn.RequireConfirmedAccount = false;
                // OpenIddict's claim types, so the cookie principal and the tokens speak the same language.
                options.ClaimsIdentity.UserNameClaimType = OpenIddict.Abstractions.OpenIddictConstants.Claims.Name;
                options.ClaimsIdentity.UserIdClaimType = OpenIddict.Abstractions.OpenIddictConstants.Claims.Subject;
                options.ClaimsIdentity.RoleClaimType = OpenIddict.Abstractions.OpenIddictConstants.Claims.Role;
                options.ClaimsIdentity.EmailClaimType = OpenIddict.Abstractions.OpenIddictConstants.Claims.Email;
            })
            .AddEntityFrameworkStores<IdentityDbContext>()
            .AddDefaultTokenProviders();
        services.AddIdentityDataProtection();
        // The one-time password links live for three days.
        services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = TimeSpan.FromDays(3));

        services.ConfigureApplicationCookie(options =>
        {
            // The browser reaches identity through the gateway on the same host as the web app: distinct names.
            options.Cookie.Name = ".IsmsCloud.Identity";
            options.LoginPath = "/identity/account/login";
            options.LogoutPath = "/connect/endsession";
            options.AccessDeniedPath = "/identity/account/login";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
        });
        services.AddAntiforgery(options => options.Cookie.Name = ".IsmsCloud.Identity.Antiforgery");
        builder.AddGatewayForwardedHeaders();

        builder.AddSecureCookies();
        services.AddIsmsOpenIddict(builder.Configuration, builder.Environment);
        services.AddIdentityPolicies();
        services.AddRazorPages();
        services.AddScoped<TenantOnboarding>();
        services.AddScoped<Invitations>();
        services.AddScoped<IAuditChainSource, IdentityAuditChain>();
        builder.AddAuditTrail<IdentityAuditHeads>();
        services.AddScoped<ClientRegistration>();
        services.AddHostedService<StartupSeeder>();
        services.AddExceptionHandler<PersistenceExceptionHandler>();
        // Here, not in ServiceDefaults: the validation source generator only sees the assembly that calls it.
        services.AddValidation();
        return builder;
    }
}
