using IsmsCloud.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;

namespace IsmsCloud.BuildingBlocks.Persistence;

/// <summary>
/// How <c>dotnet ef migrations add</c> makes any service's DbContext: no server is contacted, the connection string
/// only picks the provider. EF finds a factory only as a closed type in the service's assembly, so each service
/// declares one line per provider deriving from this.
/// </summary>
public class DesignTimeDbContextFactory<TContext>(DatabaseProvider provider) : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TContext>();
        if (provider == DatabaseProvider.SqlServer)
        {
            options.UseSqlServer("Server=localhost;Database=design");
        }
        else
        {
            options.UseNpgsql("Host=localhost;Database=design");
        }

        // The context's own constructor, whatever else it asks for: optional collaborators keep their defaults.
        using var services = new ServiceCollection()
            .AddSingleton(options.Options)
            .AddSingleton<ITenantContext>(new TenantContext())
            .BuildServiceProvider();
        return ActivatorUtilities.CreateInstance<TContext>(services);
    }
}
