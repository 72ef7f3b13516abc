using MbcFhirEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MbcFhirEdu.Data.Configurations;

internal sealed class AuditConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> entity)
    {
        entity.ToTable("audit_events");
        entity.HasKey(x => x.Id);
        entity.Property(x => x.Id).HasColumnName("id");
        entity.Property(x => x.Time).HasColumnName("time");
        entity.Property(x => x.Actor).HasColumnName("actor").HasMaxLength(MbcEduDbContext.MaxCallerLength);
        entity.Property(x => x.Issuer).HasColumnName("issuer").HasMaxLength(MbcEduDbContext.MaxIssuerLength);
        entity.Property(x => x.PatientId).HasColumnName("patient_id").HasMaxLength(MbcEduDbContext.MaxIdLength);
        entity.Property(x => x.Action).HasColumnName("action").HasMaxLength(64);
        entity.Property(x => x.Outcome).HasColumnName("outcome").HasMaxLength(16);
        entity.Property(x => x.EntityId).HasColumnName("entity_id").HasMaxLength(MbcEduDbContext.MaxIdLength);
        entity.HasIndex(x => x.Time);
    }
}
