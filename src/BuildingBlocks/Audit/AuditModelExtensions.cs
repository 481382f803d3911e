using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.BuildingBlocks.Audit;

/// <summary>Adds the audit chain's tables to a DbContext that does not derive from ServiceDbContext (identity's).</summary>
public static class AuditModelExtensions
{
    public static ModelBuilder AddAuditTrail(this ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new AuditEntryConfiguration());
        modelBuilder.ApplyConfiguration(new AuditHeadPublicationConfiguration());
        return modelBuilder;
    }
}
