using MbcFhirEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MbcFhirEdu.Data.Configurations;

internal sealed class PatientSnapshotConfiguration : IEntityTypeConfiguration<PatientSnapshotRecord>
{
    public void Configure(EntityTypeBuilder<PatientSnapshotRecord> entity)
    {
        entity.ToTable("population_snapshots");
        entity.HasKey(x => new { x.FhirBase, x.PatientId });
        entity.Property(x => x.FhirBase).HasColumnName("fhir_base").HasMaxLength(MbcEduDbContext.MaxIssuerLength);
        entity.Property(x => x.PatientId).HasColumnName("patient_id").HasMaxLength(MbcEduDbContext.MaxIdLength);
        entity.Property(x => x.SnapshotJson).HasColumnName("snapshot_json");
        entity.Property(x => x.Hash).HasColumnName("hash").HasMaxLength(64);
        entity.Property(x => x.RunId).HasColumnName("run_id");
        entity.Property(x => x.UpdatedAt).HasColumnName("updated_at");
    }
}
