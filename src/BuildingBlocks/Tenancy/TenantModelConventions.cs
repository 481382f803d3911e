using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace IsmsCloud.BuildingBlocks.Tenancy;

/// <summary>
/// Model conventions for tenant-owned entities: a named query filter on the tenant, TenantId in the WHERE of every
/// update and delete, an index on TenantId, and every unique index widened to include TenantId (so two tenants can
/// both own "RISK-1").
/// </summary>
public static class TenantModelConventions
{
    public const string FilterName = "Tenant";

    /// <summary>
    /// Applies the conventions to every entity implementing <see cref="ITenantOwned"/>. The filter compares
    /// against <paramref name="currentTenant"/>, a member access on the DbContext so EF parameterises it per query.
    /// A scope without a tenant matches nothing: Guid.Empty is never a tenant.
    /// </summary>
    public static void ApplyTenantConventions(this ModelBuilder modelBuilder, Expression<Func<Guid>> currentTenant)
    {
        foreach (var entityType in modelBuilder.Model.GetEntityTypes().ToList())
        {
            if (!typeof(ITenantOwned).IsAssignableFrom(entityType.ClrType) || entityType.BaseType is not null)
            {
                continue;
            }

            var builder = modelBuilder.Entity(entityType.ClrType);
            // A concurrency token, so every UPDATE and DELETE also says "AND TenantId = <the tenant the row was read
            // with>": an entity attached by hand with a foreign id but our tenant matches no row instead of
            // overwriting another tenant's (query filters do not apply to UPDATE and DELETE).
            builder.Property(nameof(ITenantOwned.TenantId)).IsRequired().IsConcurrencyToken();

            var parameter = Expression.Parameter(entityType.ClrType, "e");
            var body = Expression.Equal(
                Expression.Property(parameter, nameof(ITenantOwned.TenantId)),
                currentTenant.Body);
            builder.HasQueryFilter(FilterName, Expression.Lambda(body, parameter));

            WidenUniqueIndexes(entityType);
            // Every query filters by tenant: make sure some index (or the key itself) starts with TenantId.
            var keyStartsWithTenant = entityType.FindPrimaryKey()?.Properties[0].Name == nameof(ITenantOwned.TenantId);
            if (!keyStartsWithTenant && !entityType.GetIndexes().Any(i => i.Properties[0].Name == nameof(ITenantOwned.TenantId)))
            {
                builder.HasIndex(nameof(ITenantOwned.TenantId));
            }
        }
    }

    private static void WidenUniqueIndexes(IMutableEntityType entityType)
    {
        var tenantProperty = entityType.FindProperty(nameof(ITenantOwned.TenantId))!;
        foreach (var index in entityType.GetIndexes().Where(i => i.IsUnique).ToList())
        {
            if (index.Properties.Contains(tenantProperty))
            {
                continue;
            }

            var properties = new List<IMutableProperty> { tenantProperty };
            properties.AddRange(index.Properties);
            var name = index.Name;
            var filter = index.GetFilter();
            entityType.RemoveIndex(index);
            var widened = name is null ? entityType.AddIndex(properties) : entityType.AddIndex(properties, name);
            widened.IsUnique = true;
            if (filter is not null)
            {
                widened.SetFilter(filter);
            }
        }
    }
}
