using MbcFhirEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MbcFhirEdu.Data.Configurations;

internal sealed class DeliveryViewConfiguration : IEntityTypeConfiguration<DeliveryViewRecord>
{
    public void Configure(EntityTypeBuilder<DeliveryViewRecord> entity)
    {
        entity.ToTable("delivery_views");
        entity.HasKey(x => x.Id);
        entity.Property(x => x.Id).HasColumnName("id");
        entity.Property(x => x.DeliveryId).HasColumnName("delivery_id");
        entity.Property(x => x.ViewedAt).HasColumnName("viewed_at");
        entity.HasIndex(x => x.DeliveryId);
        entity.HasOne<DeliveryRecord>().WithMany().HasForeignKey(x => x.DeliveryId).OnDelete(DeleteBehavior.Cascade);
    }
}
