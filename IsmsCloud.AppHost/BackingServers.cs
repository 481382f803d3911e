using IsmsCloud.Contracts;
using Microsoft.Extensions.Configuration;

namespace IsmsCloud.AppHost;

/// <summary>
/// PostgreSQL and RabbitMQ. By default they run outside the AppHost (started by infra/local/servers.sh, no Docker
/// needed) and come in as the connection strings <c>postgres</c> (server level) and <c>rabbitmq</c>; each service
/// gets its own database on that server. With <c>UseContainers=true</c> (a developer machine with a container
/// runtime) Aspire runs them as containers instead. Never containers unconditionally: without a runtime they would
/// never become healthy and every service waiting for them would wait forever.
/// </summary>
internal sealed record BackingServers(
    Func<string, IResourceBuilder<IResourceWithConnectionString>> Database,
    IResourceBuilder<IResourceWithConnectionString> RabbitMq);

internal static class BackingServerExtensions
{
    public static BackingServers AddBackingServers(this IDistributedApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue<bool>("UseContainers"))
        {
            var postgres = builder.AddPostgres(Resources.Postgres).WithDataVolume();
            var rabbit = builder.AddRabbitMQ(Resources.RabbitMq).WithManagementPlugin();
            return new BackingServers(name => postgres.AddDatabase(name, DatabaseName(name)), rabbit);
        }

        var server = builder.AddConnectionString(Resources.Postgres);
        var rabbitMq = builder.AddConnectionString(Resources.RabbitMq);
        return new BackingServers(
            name => builder.AddConnectionString(name, ReferenceExpression.Create($"{server.Resource};Database={DatabaseName(name)}")),
            rabbitMq);
    }

    public static IResourceBuilder<ProjectResource> WithServers(this IResourceBuilder<ProjectResource> project, BackingServers servers, string database) =>
        project.WithDatabase(servers, database).WithReference(servers.RabbitMq).WaitFor(servers.RabbitMq);

    /// <summary>The service's own database and no broker (the web app: it keeps its sessions there and publishes nothing).</summary>
    public static IResourceBuilder<ProjectResource> WithDatabase(this IResourceBuilder<ProjectResource> project, BackingServers servers, string database)
    {
        var db = servers.Database(database);
        return project.WithReference(db).WaitFor(db);
    }

    /// <summary>Where the service validates tokens: the public issuer, with keys fetched from identity directly.</summary>
    public static IResourceBuilder<ProjectResource> WithIdentity(this IResourceBuilder<ProjectResource> project, IResourceBuilder<ProjectResource> identity, string publicUrl) =>
        project.WithReference(identity)
            .WithEnvironment("Identity__Issuer", publicUrl)
            .WithEnvironment("Identity__Url", identity.GetEndpoint("http"));

    /// <summary>riskdb → isms_risk: one database per service on the shared server.</summary>
    private static string DatabaseName(string resourceName) => $"isms_{resourceName.Replace("db", "", StringComparison.Ordinal)}";
}
