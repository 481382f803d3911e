using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IsmsCloud.Audits.Infrastructure;
using IsmsCloud.Identity.Tenants;
using IsmsCloud.Reporting.Infrastructure;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Testing;
using IsmsCloud.Trust.Infrastructure;
using IsmsCloud.Suppliers.Infrastructure;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IsmsCloud.IntegrationTests;

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}

public sealed record TenantSession(Guid TenantId, string Slug, string AdminEmail, string Password, TokenSet Tokens);

/// <summary>
/// identity-api, risk-api, reporting-api, trust-api and audit-api in this process (WebApplicationFactory), on the real PostgreSQL and
/// RabbitMQ the test script started; started once for the whole collection. Tests never share data: each one
/// onboards its own tenants, which the tenancy building block keeps apart.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public const string Issuer = "http://localhost/";
    public const string RedirectUri = "http://localhost/signin-oidc";
    public const string PlatformAdminEmail = "admin@isms.local";
    public const string PlatformAdminPassword = "Admin-Pass-2026!";
    public const string Password = "Tenant-Pass-2026!";
    private static readonly string[] Databases = ["isms_it_identity", "isms_it_risk", "isms_it_reporting", "isms_it_trust", "isms_it_audit", "isms_it_supplier"];
    private string? _platformAdminToken;

    public PlatformFixture()
    {
        Identity = new ServiceFactory<TenantOnboarding>(null, IdentityClock);
    }

    public ShiftableClock IdentityClock { get; } = new();
    public ServiceFactory<TenantOnboarding> Identity { get; }
    public ShiftableClock RiskClock { get; } = new();
    public ServiceFactory<RiskDbContext> Risk { get; private set; } = null!;
    public ServiceFactory<ReportingDbContext> Reporting { get; private set; } = null!;
    public ShiftableClock TrustClock { get; } = new();
    public ShiftableClock ReportingClock { get; } = new();
    public ServiceFactory<TrustDbContext> Trust { get; private set; } = null!;
    public ShiftableClock AuditClock { get; } = new();
    public ServiceFactory<AuditDbContext> Audit { get; private set; } = null!;
    public ShiftableClock SupplierClock { get; } = new();
    public ServiceFactory<SupplierDbContext> Suppliers { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("ConnectionStrings__identitydb", Database("isms_it_identity"));
        Environment.SetEnvironmentVariable("ConnectionStrings__riskdb", Database("isms_it_risk"));
        Environment.SetEnvironmentVariable("ConnectionStrings__reportingdb", Database("isms_it_reporting"));
        Environment.SetEnvironmentVariable("ConnectionStrings__trustdb", Database("isms_it_trust"));
        Environment.SetEnvironmentVariable("ConnectionStrings__auditdb", Database("isms_it_audit"));
        Environment.SetEnvironmentVariable("ConnectionStrings__supplierdb", Database("isms_it_supplier"));
        Environment.SetEnvironmentVariable("ConnectionStrings__rabbitmq", TestServers.RabbitMq);
        Environment.SetEnvironmentVariable("Identity__Issuer", Issuer);
        Environment.SetEnvironmentVariable("Identity__Clients__Web__RedirectUris__0", RedirectUri);
        Environment.SetEnvironmentVariable("Identity__ReturnInvitationLinks", "true");
        Environment.SetEnvironmentVariable("Seed__DemoTenant", "false");
        // Tests run supplier-api's gap sweep themselves, with a moved clock.
        Environment.SetEnvironmentVariable("Suppliers__GapSweepEnabled", "false");
        // And reporting-api's daily digest, with an SMTP server of their own.
        Environment.SetEnvironmentVariable("Digest__Enabled", "false");
        await TestServers.DropDatabasesAsync(Databases);

        _ = Identity.Server; // starts identity: migrations, seeding
        Risk = new ServiceFactory<RiskDbContext>(Identity, RiskClock);
        Reporting = new ServiceFactory<ReportingDbContext>(Identity, ReportingClock);
        _ = Risk.Server;
        _ = Reporting.Server;
        Trust = new ServiceFactory<TrustDbContext>(Identity, TrustClock);
        _ = Trust.Server;
        Audit = new ServiceFactory<AuditDbContext>(Identity, AuditClock);
        _ = Audit.Server;
        Suppliers = new ServiceFactory<SupplierDbContext>(Identity, SupplierClock);
        _ = Suppliers.Server;

        // A host is up before its bus is: a test that publishes at once (as the first test to run does) could reach an
        // exchange whose queue is not bound yet, and the message would be lost (it happened to the SoA test once).
        var buses = new[] { Identity.Services, Risk.Services, Reporting.Services, Trust.Services, Audit.Services, Suppliers.Services }
            .Select(services => services.GetRequiredService<IBusControl>());
        var states = await buses.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(90));
        if (states.Any(s => s != BusHealthStatus.Healthy))
        {
            throw new InvalidOperationException($"The services' buses did not become healthy: {string.Join(", ", states)}");
        }
    }

    public async Task DisposeAsync()
    {
        await Audit.DisposeAsync();
        await Suppliers.DisposeAsync();
        await Trust.DisposeAsync();
        await Reporting.DisposeAsync();
        await Risk.DisposeAsync();
        await Identity.DisposeAsync();
    }

    /// <summary>A client for identity-api that keeps cookies and does not follow redirects, like a browser step by step.</summary>
    public OidcTestClient Oidc() =>
        new(Identity.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }), RedirectUri);

    public static HttpClient WithToken(HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient IdentityApi(string token) => WithToken(Identity.CreateClient(), token);
    public HttpClient RiskApi(string token) => WithToken(Risk.CreateClient(), token);
    public HttpClient ReportingApi(string token) => WithToken(Reporting.CreateClient(), token);
    public HttpClient TrustApi(string token) => WithToken(Trust.CreateClient(), token);
    public HttpClient AuditApi(string token) => WithToken(Audit.CreateClient(), token);
    public HttpClient SupplierApi(string token) => WithToken(Suppliers.CreateClient(), token);

    /// <summary>An anonymous visitor of the public portal: keeps its cookies, shows redirects.</summary>
    public HttpClient PortalVisitor() =>
        Trust.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<string> PlatformAdminTokenAsync() =>
        _platformAdminToken ??= (await Oidc().SignInAsync(PlatformAdminEmail, PlatformAdminPassword)).AccessToken;

    /// <summary>Onboards a new tenant through the admin API and signs its first admin in, as a new customer would.</summary>
    public async Task<TenantSession> OnboardTenantAsync(string? prefix = null)
    {
        var slug = $"{prefix ?? "t"}-{Guid.NewGuid():N}"[..20];
        var email = $"admin@{slug}.example";
        using var admin = IdentityApi(await PlatformAdminTokenAsync());
        var response = await admin.PostAsJsonAsync("/api/admin/tenants", new { name = $"Tenant {slug}", slug, firstAdminEmail = email });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var tenantId = body.GetProperty("tenant").GetProperty("id").GetGuid();
        var link = body.GetProperty("invitationLink").GetString()!;

        var oidc = Oidc();
        await oidc.SetPasswordAsync(link, Password);
        var tokens = await oidc.SignInAsync(email, Password);
        await AddColleaguesAsync(tenantId);
        return new TenantSession(tenantId, slug, email, Password, tokens);
    }

    /// <summary>
    /// People every test tenant has as members, so tests can name them as owners (owners must be active members).
    /// Arranged directly in identity-api's store with the real MemberAdded events, as the demo seed does (the
    /// invitation flow itself is tested in MemberManagementTests); then waits until risk-api's member directory
    /// knows the tenant's members, as a real user would find it a moment after onboarding.
    /// </summary>
    public static readonly (string Email, string Role)[] Colleagues =
    [
        (RiskApiClient.Owner, IsmsCloud.Contracts.IsmsRoles.RiskOwner),
        (RiskApiClient.OtherOwner, IsmsCloud.Contracts.IsmsRoles.RiskOwner),
        (RiskApiClient.OpsOwner, IsmsCloud.Contracts.IsmsRoles.ControlOwner),
    ];

    private async Task AddColleaguesAsync(Guid tenantId)
    {
        await using (var scope = Identity.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<IsmsCloud.Identity.Users.ApplicationUser>>();
            var db = scope.ServiceProvider.GetRequiredService<IsmsCloud.Identity.Infrastructure.IdentityDbContext>();
            foreach (var (email, role) in Colleagues)
            {
                var user = await users.FindByEmailAsync(email);
                if (user is null)
                {
                    user = new IsmsCloud.Identity.Users.ApplicationUser
                    {
                        UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, CreatedAt = DateTimeOffset.UtcNow,
                    };
                    var created = await users.CreateAsync(user, Password);
                    if (!created.Succeeded && await users.FindByEmailAsync(email) is not { } raced)
                    {
                        throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
                    }

                    user = await users.FindByEmailAsync(email) ?? user;
                }

                IsmsCloud.Identity.Members.MemberJoin.Add(db, tenantId, user, role, null, DateTimeOffset.UtcNow);
            }

            await db.SaveChangesAsync();
        }

        await Eventually.ReturnsAsync(async () =>
        {
            await using var scope = Risk.Services.CreateAsyncScope();
            var risk = scope.ServiceProvider.GetRequiredService<RiskDbContext>();
            return await risk.KnownMembers.IgnoreQueryFilters().CountAsync(m => m.TenantId == tenantId);
        }, count => count >= Colleagues.Length + 1, because: "risk-api's member directory knows the new tenant's members");
        await Eventually.ReturnsAsync(async () =>
        {
            await using var scope = Audit.Services.CreateAsyncScope();
            var audit = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
            return await audit.KnownMembers.IgnoreQueryFilters().CountAsync(m => m.TenantId == tenantId);
        }, count => count >= Colleagues.Length + 1, because: "audit-api's member directory knows the new tenant's members");
    }

    /// <summary>
    /// Adds a member with a role to a tenant the way a customer does: the tenant admin invites, the invitee follows the
    /// link and sets a password, then signs in (picking the tenant when they belong to several).
    /// </summary>
    public async Task<TokenSet> AddMemberAsync(TenantSession tenant, string role, string? email = null, DateTimeOffset? accessEndsAt = null)
    {
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..24] + $"@{tenant.Slug}.example";
        var link = await InviteAsync(tenant, email, role, accessEndsAt);
        var (accepted, page) = await Oidc().AcceptInvitationAsync(link, Password);
        if (!accepted)
        {
            throw new InvalidOperationException($"Accepting the invitation failed: {page}");
        }

        await KnownToRiskAsync(tenant.TenantId, email);
        return await Oidc().SignInAsync(email, Password, tenant: tenant.TenantId.ToString());
    }

    /// <summary>Waits until risk-api's member directory has heard that <paramref name="email"/> joined (owners must be members).</summary>
    public Task KnownToRiskAsync(Guid tenantId, string email) =>
        Eventually.ReturnsAsync(async () =>
        {
            await using var scope = Risk.Services.CreateAsyncScope();
            var risk = scope.ServiceProvider.GetRequiredService<RiskDbContext>();
            return await risk.KnownMembers.IgnoreQueryFilters().AnyAsync(m => m.TenantId == tenantId && m.Email == email.ToLowerInvariant());
        }, known => known, because: $"risk-api's member directory knows {email}");

    /// <summary>The e-mail a token was issued to.</summary>
    public static string EmailOf(TokenSet tokens) => JwtPayload.Read(tokens.AccessToken).GetProperty(Contracts.IsmsClaims.Email).GetString()!;

    /// <summary>The tenant admin invites <paramref name="email"/>; returns the one-time link (returned in tests as in development).</summary>
    public async Task<string> InviteAsync(TenantSession tenant, string email, string role, DateTimeOffset? accessEndsAt = null)
    {
        using var identity = IdentityApi(tenant.Tokens.AccessToken);
        var response = await identity.PostAsJsonAsync("/api/identity/invitations", new { email, role, accessEndsAt });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Inviting {email} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("invitationLink").GetString()!;
    }

    private static string Database(string name) => $"{TestServers.Postgres};Database={name}";
}

/// <summary>
/// One service in-process. Services other than identity fetch identity's signing keys through the identity
/// test server; a <see cref="ShiftableClock"/> replaces the service's clock where a test needs to move time.
/// </summary>
public sealed class ServiceFactory<TEntryPoint>(ServiceFactory<TenantOnboarding>? identity, ShiftableClock? clock)
    : WebApplicationFactory<TEntryPoint> where TEntryPoint : class
{
    /// <summary>What the service logs, after its own filters (for the tests that a secret never reaches a log).</summary>
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            if (identity is not null)
            {
                services.AddHttpClient("identity-metadata").ConfigurePrimaryHttpMessageHandler(() => identity.Server.CreateHandler());
            }

            if (clock is not null)
            {
                services.AddSingleton<TimeProvider>(clock);
            }
        });
    }
}
