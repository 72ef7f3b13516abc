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
