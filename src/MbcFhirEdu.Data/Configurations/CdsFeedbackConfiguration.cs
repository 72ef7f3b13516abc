using MbcFhirEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MbcFhirEdu.Data.Configurations;

internal sealed class CdsFeedbackConfiguration : IEntityTypeConfiguration<CdsFeedbackEntry>
{
    public void Configure(EntityTypeBuilder<CdsFeedbackEntry> entity)
    {
        entity.ToTable("cds_feedback");
        entity.HasKey(x => x.Id);
        entity.Property(x => x.Id).HasColumnName("id");
        entity.Property(x => x.ServiceId).HasColumnName("service_id").HasMaxLength(64);
        entity.Property(x => x.Card).HasColumnName("card").HasMaxLength(MbcEduDbContext.MaxFeedbackCardLength);
        entity.Property(x => x.Outcome).HasColumnName("outcome").HasMaxLength(32);
        entity.Property(x => x.AcceptedSuggestions).HasColumnName("accepted_suggestions").HasMaxLength(MbcEduDbContext.MaxFeedbackSuggestionsLength);
        entity.Property(x => x.OverrideReasonCode).HasColumnName("override_reason_code").HasMaxLength(128);
        entity.Property(x => x.OverrideReasonSystem).HasColumnName("override_reason_system").HasMaxLength(512);
        entity.Property(x => x.UserComment).HasColumnName("user_comment").HasMaxLength(MbcEduDbContext.MaxFeedbackCommentLength);
        entity.Property(x => x.OutcomeTimestamp).HasColumnName("outcome_timestamp");
        entity.Property(x => x.Issuer).HasColumnName("issuer").HasMaxLength(MbcEduDbContext.MaxIssuerLength);
        entity.Property(x => x.ReceivedAt).HasColumnName("received_at");
        entity.HasIndex(x => x.ReceivedAt).HasDatabaseName("ix_cds_feedback_received_at");
    }
}
