using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IsmsCloud.Risk.Infrastructure.EntityConfigurations;

internal sealed class RiskEntityTypeConfiguration : IEntityTypeConfiguration<Risks.Risk>
{
    public void Configure(EntityTypeBuilder<Risks.Risk> builder)
    {
        builder.ToTable("Risks");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Title).HasMaxLength(200);
        builder.Property(r => r.Owner).HasMaxLength(200);
        builder.Property(r => r.Description).HasMaxLength(4000);
        builder.Ignore(r => r.Score);
        builder.HasIndex(r => new { r.TenantId, r.CreatedAt });
    }
}
