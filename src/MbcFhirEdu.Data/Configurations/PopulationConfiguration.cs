using MbcFhirEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MbcFhirEdu.Data.Configurations;

// The population tables (migration Population). Column names are the same on both providers, so the raw claim SQL
// in Population/WorkClaims.cs works on either.
internal sealed class PopulationRunConfiguration : IEntityTypeConfiguration<PopulationRunRecord>
{
    public void Configure(EntityTypeBuilder<PopulationRunRecord> entity)
    {
        entity.ToTable("population_runs");
        entity.HasKey(x => x.Id);
        entity.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        entity.Property(x => x.RequestKey).HasColumnName("request_key").HasMaxLength(64);
        entity.Property(x => x.FhirBase).HasColumnName("fhir_base").HasMaxLength(MbcEduDbContext.MaxIssuerLength);
        entity.Property(x => x.GroupId).HasColumnName("group_id").HasMaxLength(MbcEduDbContext.MaxIdLength);
        entity.Property(x => x.Since).HasColumnName("since");
        entity.Property(x => x.State).HasColumnName("state");
        entity.Property(x => x.StatusUrl).HasColumnName("status_url").HasMaxLength(MbcEduDbContext.MaxIssuerLength);
        entity.Property(x => x.TransactionTime).HasColumnName("transaction_time");
        entity.Property(x => x.RequiresAccessToken).HasColumnName("requires_access_token");
        entity.Property(x => x.LeaseOwner).HasColumnName("lease_owner").HasMaxLength(128);
        entity.Property(x => x.LeaseUntil).HasColumnName("lease_until");
        entity.Property(x => x.Error).HasColumnName("error").HasMaxLength(MbcEduDbContext.MaxErrorLength);
        entity.Property(x => x.CreatedAt).HasColumnName("created_at");
        entity.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        entity.Property(x => x.FinishedAt).HasColumnName("finished_at");
        // One unfinished run per request: a second start with the same request finds it and resumes.
        entity.HasIndex(x => x.RequestKey).IsUnique().HasFilter("finished_at IS NULL").HasDatabaseName("ux_population_runs_open_request");
        entity.HasIndex(x => new { x.FhirBase, x.GroupId, x.State, x.TransactionTime }).HasDatabaseName("ix_population_runs_last");
    }
}

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
