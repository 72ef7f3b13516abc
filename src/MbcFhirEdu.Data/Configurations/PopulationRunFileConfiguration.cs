using MbcFhirEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MbcFhirEdu.Data.Configurations;

internal sealed class PopulationRunFileConfiguration : IEntityTypeConfiguration<PopulationRunFileRecord>
{
    public void Configure(EntityTypeBuilder<PopulationRunFileRecord> entity)
    {
        entity.ToTable("population_run_files");
        entity.HasKey(x => x.Id);
        entity.Property(x => x.Id).HasColumnName("id");
        entity.Property(x => x.RunId).HasColumnName("run_id");
        entity.Property(x => x.Ordinal).HasColumnName("ordinal");
        entity.Property(x => x.ResourceType).HasColumnName("resource_type").HasMaxLength(64);
        entity.Property(x => x.Url).HasColumnName("url").HasMaxLength(MbcEduDbContext.MaxIssuerLength);
        entity.Property(x => x.Count).HasColumnName("count");
        entity.Property(x => x.IsErrorFile).HasColumnName("is_error_file");
        entity.Property(x => x.State).HasColumnName("state");
        entity.Property(x => x.ClaimOwner).HasColumnName("claim_owner").HasMaxLength(128);
        entity.Property(x => x.ClaimUntil).HasColumnName("claim_until");
        entity.Property(x => x.Attempts).HasColumnName("attempts");
        entity.Property(x => x.Resources).HasColumnName("resources");
        entity.Property(x => x.Error).HasColumnName("error").HasMaxLength(MbcEduDbContext.MaxErrorLength);
        entity.HasIndex(x => new { x.RunId, x.Ordinal }).IsUnique().HasDatabaseName("ux_population_run_files_ordinal");
        entity.HasIndex(x => new { x.RunId, x.State }).HasDatabaseName("ix_population_run_files_state");
    }
}
