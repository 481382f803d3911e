using IsmsCloud.Contracts;
using IsmsCloud.Identity.Connect;
using IsmsCloud.Identity.Infrastructure;
using IsmsCloud.Identity.Members;
using IsmsCloud.Identity.Tenants;
using IsmsCloud.Identity.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Identity.Seeding;

public sealed class SeedOptions
{
    /// <summary>Seeds the first platform admin; on in Development only, where the password below is no secret.</summary>
    public bool PlatformAdmin { get; set; }
    public string PlatformAdminEmail { get; set; } = "admin@isms.local";
    public string PlatformAdminPassword { get; set; } = "Admin-Pass-2026!";
    /// <summary>The demo tenant a developer explores after the run command; on in Development.</summary>
    public bool DemoTenant { get; set; }
    public string DemoPassword { get; set; } = "Demo-Pass-2026!";
}

/// <summary>
/// Runs after the database is migrated and before requests are served: registers the web client, and (by
/// configuration) the platform admin and the demo tenant with a few members. Idempotent: a second run finds them.
/// </summary>
public sealed class StartupSeeder(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<StartupSeeder> logger) : IHostedService
{
    /// <summary>A demo tenant: its name, slug and members (the first is its first admin).</summary>
    public sealed record DemoTenant(string Name, string Slug, (string Email, string Name, string Role)[] Members);

    /// <summary>
    /// Acme Cloud tells the seed's warning and Calm Systems is healthy, for contrast (their stories are told by every
    /// service on onboarding when <c>Seed:DemoStory</c> is on; see <see cref="BuildingBlocks.Demo.DemoTenants"/>).
    /// </summary>
    public static readonly DemoTenant[] DemoTenants =
    [
        new("Acme Cloud", BuildingBlocks.Demo.DemoTenants.AcmeSlug,
        [
            ("admin@acme.example", "Alex Admin", IsmsRoles.TenantAdmin),
            ("manager@acme.example", "Morgan Manager", IsmsRoles.IsmsManager),
            ("owner@acme.example", "Riley Owner", IsmsRoles.RiskOwner),
            ("approver@acme.example", "Avery Approver", IsmsRoles.Approver),
            ("auditor@acme.example", "Jordan Auditor", IsmsRoles.Auditor),
            ("viewer@acme.example", "Vic Viewer", IsmsRoles.Viewer),
        ]),
        new("Calm Systems", BuildingBlocks.Demo.DemoTenants.CalmSlug,
        [
            ("admin@calm.example", "Casey Admin", IsmsRoles.TenantAdmin),
            ("manager@calm.example", "Sam Manager", IsmsRoles.IsmsManager),
            ("owner@calm.example", "Dana Owner", IsmsRoles.RiskOwner),
            ("approver@calm.example", "Lee Approver", IsmsRoles.Approver),
            ("auditor@calm.example", "Pat Auditor", IsmsRoles.Auditor),
        ]),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = configuration.GetSection("Seed").Get<SeedOptions>() ?? new SeedOptions();
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await services.GetRequiredService<ClientRegistration>().EnsureWebClientAsync(cancellationToken);

        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        if (options.PlatformAdmin)
        {
            await EnsureUserAsync(users, options.PlatformAdminEmail, "Platform Admin", options.PlatformAdminPassword, platformAdmin: true);
        }

        if (options.DemoTenant)
        {
            foreach (var demo in DemoTenants)
            {
                await EnsureDemoTenantAsync(services, users, demo, options, cancellationToken);
            }
        }

        await MemberJoin.AnnounceEarlierMembershipsAsync(services.GetRequiredService<IdentityDbContext>(), cancellationToken);
    }

    /// <summary>Onboards the demo tenant unless it exists, and adds its members who are missing. Idempotent.</summary>
    private async Task EnsureDemoTenantAsync(IServiceProvider services, UserManager<ApplicationUser> users, DemoTenant demo, SeedOptions options, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<IdentityDbContext>();
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Slug == demo.Slug, cancellationToken);
        if (tenant is null)
        {
            var (adminEmail, adminName, _) = demo.Members[0];
            var result = await services.GetRequiredService<TenantOnboarding>()
                .OnboardAsync(demo.Name, demo.Slug, adminEmail, options.DemoPassword, cancellationToken);
            tenant = result.Tenant;
            result.FirstAdmin.DisplayName = adminName;
            await users.UpdateAsync(result.FirstAdmin);
            logger.LogInformation("Seeded the demo tenant {Slug}", demo.Slug);
        }

        foreach (var (email, name, role) in demo.Members.Skip(1))
        {
            var user = await EnsureUserAsync(users, email, name, options.DemoPassword, platformAdmin: false);
            if (!await db.Memberships.AnyAsync(m => m.TenantId == tenant.Id && m.UserId == user.Id, cancellationToken))
            {
                MemberJoin.Add(db, tenant.Id, user, role, null, clock.GetUtcNow());
                await db.SaveChangesAsync(cancellationToken);
            }
        }
    }

    private async Task<ApplicationUser> EnsureUserAsync(UserManager<ApplicationUser> users, string email, string name, string password, bool platformAdmin)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is not null)
        {
            return user;
        }

        user = new ApplicationUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = name,
            IsPlatformAdmin = platformAdmin, CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Seeding {email} failed: {string.Join("; ", created.Errors.Select(e => e.Description))}");
        }

        return user;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
