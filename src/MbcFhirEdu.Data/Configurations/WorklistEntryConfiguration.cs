using MbcFhirEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MbcFhirEdu.Data.Configurations;

internal sealed class WorklistEntryConfiguration : IEntityTypeConfiguration<WorklistEntryRecord>
{
    public void Configure(EntityTypeBuilder<WorklistEntryRecord> entity)
    {
        entity.ToTable("worklist_entries");
        entity.HasKey(x => x.Id);
        entity.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        entity.Property(x => x.FhirBase).HasColumnName("fhir_base").HasMaxLength(MbcEduDbContext.MaxIssuerLength);
        entity.Property(x => x.PatientId).HasColumnName("patient_id").HasMaxLength(MbcEduDbContext.MaxIdLength);
        entity.Property(x => x.Reason).HasColumnName("reason");
        entity.Property(x => x.Detail).HasColumnName("detail").HasMaxLength(500);
        entity.Property(x => x.EvidenceJson).HasColumnName("evidence_json");
        entity.Property(x => x.RunId).HasColumnName("run_id");
        entity.Property(x => x.CreatedAt).HasColumnName("created_at");
        entity.Property(x => x.ClosedAt).HasColumnName("closed_at");
        entity.Property(x => x.ClosedBy).HasColumnName("closed_by").HasMaxLength(MbcEduDbContext.MaxCallerLength);
        entity.HasIndex(x => new { x.FhirBase, x.PatientId, x.ClosedAt }).HasDatabaseName("ix_worklist_entries_patient");
        entity.HasIndex(x => new { x.ClosedAt, x.Reason, x.CreatedAt }).HasDatabaseName("ix_worklist_entries_open");
    }
}
