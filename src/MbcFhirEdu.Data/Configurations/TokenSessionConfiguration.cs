using MbcFhirEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MbcFhirEdu.Data.Configurations;

internal sealed class TokenSessionConfiguration : IEntityTypeConfiguration<TokenSessionRecord>
{
    public void Configure(EntityTypeBuilder<TokenSessionRecord> entity)
    {
        entity.ToTable("token_sessions");
        entity.HasKey(x => x.IdHash);
        entity.Property(x => x.IdHash).HasColumnName("id_hash").HasMaxLength(64);
        entity.Property(x => x.ProtectedPayload).HasColumnName("protected_payload").HasMaxLength(65_536);
        entity.Property(x => x.BrowserHash).HasColumnName("browser_hash").HasMaxLength(64);
        entity.Property(x => x.CreatedAt).HasColumnName("created_at");
        entity.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        entity.Property(x => x.ExpiresAt).HasColumnName("expires_at");
        entity.Property(x => x.IdleExpiresAt).HasColumnName("idle_expires_at");
        entity.HasIndex(x => x.ExpiresAt);
        entity.HasIndex(x => x.IdleExpiresAt);
        entity.HasIndex(x => x.BrowserHash);
    }
}
