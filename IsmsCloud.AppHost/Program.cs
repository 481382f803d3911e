using IsmsCloud.AppHost;
using IsmsCloud.Contracts;

var builder = DistributedApplication.CreateBuilder(args);

// The address the browser uses: the gateway. Tokens name it as their issuer.
var publicUrl = builder.Configuration["PublicUrl"] ?? "http://localhost:8080/";
var servers = builder.AddBackingServers();

var identity = builder.AddProject<Projects.IsmsCloud_Identity>(Resources.Identity)
    .WithHttpHealthCheck("/health")
    .WithServers(servers, Resources.IdentityDb)
    .WithEnvironment("Identity__Issuer", publicUrl)
    .WithEnvironment("Identity__Clients__Web__RedirectUris__0", $"{publicUrl}signin-oidc")
    .WithEnvironment("Identity__Clients__Web__PostLogoutRedirectUris__0", $"{publicUrl}signout-callback-oidc");

var risk = builder.AddProject<Projects.IsmsCloud_Risk>(Resources.Risk)
    .WithHttpHealthCheck("/health")
    .WithServers(servers, Resources.RiskDb)
    .WithIdentity(identity, publicUrl);

var reporting = builder.AddProject<Projects.IsmsCloud_Reporting>(Resources.Reporting)
    .WithHttpHealthCheck("/health")
    .WithServers(servers, Resources.ReportingDb)
    .WithIdentity(identity, publicUrl)
    // The daily digest's links lead into the workspace, behind the gateway.
    .WithEnvironment("Digest__WorkspaceUrl", publicUrl);

var trust = builder.AddProject<Projects.IsmsCloud_Trust>(Resources.Trust)
    .WithHttpHealthCheck("/health")
    .WithServers(servers, Resources.TrustDb)
    .WithIdentity(identity, publicUrl);

var audit = builder.AddProject<Projects.IsmsCloud_Audits>(Resources.Audit)
    .WithHttpHealthCheck("/health")
    .WithServers(servers, Resources.AuditDb)
    .WithIdentity(identity, publicUrl);

var suppliers = builder.AddProject<Projects.IsmsCloud_Suppliers>(Resources.Supplier)
    .WithHttpHealthCheck("/health")
    .WithServers(servers, Resources.SupplierDb)
    .WithIdentity(identity, publicUrl);

var web = builder.AddProject<Projects.IsmsCloud_Web>(Resources.Web)
    .WithHttpHealthCheck("/health")
    .WithDatabase(servers, Resources.WebDb)
    .WithIdentity(identity, publicUrl);

var gateway = builder.AddProject<Projects.IsmsCloud_Gateway>(Resources.Gateway)
    .WithEndpoint("http", endpoint => endpoint.Port = new Uri(publicUrl).Port)
    .WithHttpHealthCheck("/health")
    .WithEnvironment("Identity__Issuer", publicUrl)
    .WithEnvironment("Identity__Url", identity.GetEndpoint("http"))
    .WithReference(identity).WaitFor(identity)
    .WithReference(risk).WaitFor(risk)
    .WithReference(reporting).WaitFor(reporting)
    .WithReference(trust).WaitFor(trust)
    .WithReference(audit).WaitFor(audit)
    .WithReference(suppliers).WaitFor(suppliers)
    .WithReference(web).WaitFor(web)
    .WithExternalHttpEndpoints();

web.WithReference(gateway);

builder.Build().Run();
