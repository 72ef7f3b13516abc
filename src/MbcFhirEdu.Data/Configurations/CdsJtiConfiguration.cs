using MbcFhirEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MbcFhirEdu.Data.Configurations;

internal sealed class CdsJtiConfiguration : IEntityTypeConfiguration<CdsJtiRecord>
{
    public void Configure(EntityTypeBuilder<CdsJtiRecord> entity)
    {
        entity.ToTable("cds_jtis");
        entity.HasKey(x => x.KeyHash);
        entity.Property(x => x.KeyHash).HasColumnName("key_hash").HasMaxLength(64);
        entity.Property(x => x.Issuer).HasColumnName("issuer").HasMaxLength(MbcEduDbContext.MaxIssuerLength);
        entity.Property(x => x.Jti).HasColumnName("jti").HasMaxLength(MbcEduDbContext.MaxJtiLength);
        entity.Property(x => x.ExpiresAt).HasColumnName("expires_at");
        entity.Property(x => x.RecordedAt).HasColumnName("recorded_at");
        entity.HasIndex(x => x.ExpiresAt).HasDatabaseName("ix_cds_jtis_expires_at");
    }
}
