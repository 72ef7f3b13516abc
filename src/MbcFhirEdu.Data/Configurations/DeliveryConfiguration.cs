using MbcFhirEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MbcFhirEdu.Data.Configurations;

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<DeliveryRecord>
{
    public void Configure(EntityTypeBuilder<DeliveryRecord> entity)
    {
        entity.ToTable("deliveries");
        entity.HasKey(x => x.Id);
        entity.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        entity.Property(x => x.IdempotencyKey).HasColumnName("idempotency_key").HasMaxLength(MbcEduDbContext.MaxIdempotencyKeyLength);
        entity.Property(x => x.Issuer).HasColumnName("issuer").HasMaxLength(MbcEduDbContext.MaxIssuerLength);
        entity.Property(x => x.Caller).HasColumnName("caller").HasMaxLength(MbcEduDbContext.MaxCallerLength);
        entity.Property(x => x.PatientId).HasColumnName("patient_id").HasMaxLength(MbcEduDbContext.MaxIdLength);
        entity.Property(x => x.MaterialId).HasColumnName("material_id").HasMaxLength(128);
        entity.Property(x => x.Language).HasColumnName("language").HasMaxLength(16);
        entity.Property(x => x.Note).HasColumnName("note").HasMaxLength(MbcEduDbContext.MaxNoteLength);
        entity.Property(x => x.Sender).HasColumnName("sender").HasMaxLength(MbcEduDbContext.MaxCallerLength);
        entity.Property(x => x.SenderName).HasColumnName("sender_name").HasMaxLength(MbcEduDbContext.MaxSenderNameLength);
        entity.Property(x => x.TokenKind).HasColumnName("token_kind");
        entity.Property(x => x.ProtectedTokenSessionId).HasColumnName("protected_token_session_id").HasMaxLength(4096);
        entity.Property(x => x.Status).HasColumnName("status");
        entity.Property(x => x.Attempts).HasColumnName("attempts");
        entity.Property(x => x.NextAttemptAt).HasColumnName("next_attempt_at");
        entity.Property(x => x.LeaseOwner).HasColumnName("lease_owner").HasMaxLength(128);
        entity.Property(x => x.LeaseUntil).HasColumnName("lease_until");
        entity.Property(x => x.LastError).HasColumnName("last_error").HasMaxLength(MbcEduDbContext.MaxErrorLength);
        entity.Property(x => x.EhrCommunicationId).HasColumnName("ehr_communication_id").HasMaxLength(MbcEduDbContext.MaxIdLength);
        entity.Property(x => x.CreatedAt).HasColumnName("created_at");
        entity.Property(x => x.DeliveredAt).HasColumnName("delivered_at");
        entity.Property(x => x.FirstOpenedAt).HasColumnName("first_opened_at");
        entity.HasIndex(x => new { x.Issuer, x.Caller, x.IdempotencyKey }).IsUnique().HasDatabaseName("ux_deliveries_idempotency");
        entity.HasIndex(x => new { x.Issuer, x.PatientId, x.CreatedAt }).HasDatabaseName("ix_deliveries_patient");
        entity.HasIndex(x => new { x.Status, x.NextAttemptAt }).HasDatabaseName("ix_deliveries_due");
    }
}
