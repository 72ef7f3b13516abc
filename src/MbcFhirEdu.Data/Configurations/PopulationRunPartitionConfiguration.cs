using MbcFhirEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MbcFhirEdu.Data.Configurations;

internal sealed class PopulationRunPartitionConfiguration : IEntityTypeConfiguration<PopulationRunPartitionRecord>
{
    public void Configure(EntityTypeBuilder<PopulationRunPartitionRecord> entity)
    {
        entity.ToTable("population_run_partitions");
        entity.HasKey(x => new { x.RunId, x.Partition });
        entity.Property(x => x.RunId).HasColumnName("run_id");
        entity.Property(x => x.Partition).HasColumnName("partition");
        entity.Property(x => x.State).HasColumnName("state");
        entity.Property(x => x.ClaimOwner).HasColumnName("claim_owner").HasMaxLength(128);
        entity.Property(x => x.ClaimUntil).HasColumnName("claim_until");
        entity.Property(x => x.Attempts).HasColumnName("attempts");
        entity.Property(x => x.Patients).HasColumnName("patients");
        entity.Property(x => x.Entries).HasColumnName("entries");
    }
}
