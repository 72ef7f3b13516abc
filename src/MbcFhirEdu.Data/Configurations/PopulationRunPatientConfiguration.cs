using MbcFhirEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MbcFhirEdu.Data.Configurations;

internal sealed class PopulationRunPatientConfiguration : IEntityTypeConfiguration<PopulationRunPatientRecord>
{
    public void Configure(EntityTypeBuilder<PopulationRunPatientRecord> entity)
    {
        entity.ToTable("population_run_patients");
        entity.HasKey(x => new { x.RunId, x.Partition, x.PatientId });
        entity.Property(x => x.RunId).HasColumnName("run_id");
        entity.Property(x => x.Partition).HasColumnName("partition");
        entity.Property(x => x.PatientId).HasColumnName("patient_id").HasMaxLength(MbcEduDbContext.MaxIdLength);
    }
}
