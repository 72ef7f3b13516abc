using MbcFhirEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MbcFhirEdu.Data.Configurations;

internal sealed class PopulationStagedConfiguration : IEntityTypeConfiguration<PopulationStagedRecord>
{
    public void Configure(EntityTypeBuilder<PopulationStagedRecord> entity)
    {
        entity.ToTable("population_staging");
        entity.HasKey(x => new { x.FhirBase, x.PatientId, x.ResourceType, x.ResourceId });
        entity.Property(x => x.FhirBase).HasColumnName("fhir_base").HasMaxLength(MbcEduDbContext.MaxIssuerLength);
        entity.Property(x => x.PatientId).HasColumnName("patient_id").HasMaxLength(MbcEduDbContext.MaxIdLength);
        entity.Property(x => x.ResourceType).HasColumnName("resource_type").HasMaxLength(64);
        entity.Property(x => x.ResourceId).HasColumnName("resource_id").HasMaxLength(MbcEduDbContext.MaxIdLength);
        entity.Property(x => x.Partition).HasColumnName("partition");
        entity.Property(x => x.RunId).HasColumnName("run_id");
        entity.Property(x => x.LastUpdated).HasColumnName("last_updated");
        entity.Property(x => x.Payload).HasColumnName("payload");
    }
}
