using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace IsmsCloud.BuildingBlocks.TenantData;

/// <summary>One table that holds a tenant's rows (it has a TenantId column), as the export and the erasure see it.</summary>
public sealed record TenantTable(string Name, string? Schema, IReadOnlyList<string> Columns)
{
    public string Delimited(ISqlGenerationHelper sql) => sql.DelimitIdentifier(Name, Schema);
}

/// <summary>
/// Finds, from the DbContext's model, every table with a tenant's rows, so the export and the erasure cover each
/// record a service keeps without a list that a new entity could be forgotten in. Ordered so that a table comes
/// before the tables it references (erase in this order; export in any).
/// </summary>
public static class TenantTables
{
    public const string TenantColumn = "TenantId";

    public static IReadOnlyList<TenantTable> Of(DbContext db)
    {
        var types = db.Model.GetEntityTypes()
            .Where(t => t.GetTableName() is not null && !t.IsOwned() && t.FindProperty(TenantColumn) is not null && t.BaseType is null)
            .ToList();

        // Dependents first: a table whose rows reference another's is erased before it.
        var ordered = new List<IEntityType>();
        var visiting = new HashSet<IEntityType>();
        void Visit(IEntityType type)
        {
            if (ordered.Contains(type) || !visiting.Add(type))
            {
                return;
            }

            foreach (var dependent in types.Where(t => t != type && t.GetForeignKeys().Any(fk => fk.PrincipalEntityType.GetRootType() == type)))
            {
                Visit(dependent);
            }

            ordered.Add(type);
        }

        foreach (var type in types.OrderBy(t => t.GetTableName(), StringComparer.Ordinal))
        {
            Visit(type);
        }

        // Visit adds a type only after all its dependents: the list is dependents-first.
        return ordered
            .Select(t =>
            {
                var table = StoreObjectIdentifier.Table(t.GetTableName()!, t.GetSchema());
                var columns = t.GetDerivedTypesInclusive().SelectMany(d => d.GetDeclaredProperties())
                    .Select(p => p.GetColumnName(table)).OfType<string>().Distinct().ToList();
                return new TenantTable(t.GetTableName()!, t.GetSchema(), columns);
            })
            .ToList();
    }
}
