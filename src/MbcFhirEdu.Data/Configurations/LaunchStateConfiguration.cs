using MbcFhirEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MbcFhirEdu.Data.Configurations;

internal sealed class LaunchStateConfiguration : IEntityTypeConfiguration<LaunchStateRecord>
{
    public void Configure(EntityTypeBuilder<LaunchStateRecord> entity)
    {
        entity.ToTable("launch_states");
        entity.HasKey(x => x.State);
        entity.Property(x => x.State).HasColumnName("state").HasMaxLength(128);
        entity.Property(x => x.ProtectedPayload).HasColumnName("protected_payload").HasMaxLength(16_384);
        entity.Property(x => x.Used).HasColumnName("used");
        entity.Property(x => x.CreatedAt).HasColumnName("created_at");
        entity.Property(x => x.ExpiresAt).HasColumnName("expires_at");
        entity.HasIndex(x => x.ExpiresAt);
    }
}
