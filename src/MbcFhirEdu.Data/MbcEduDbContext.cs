using MbcFhirEdu.Data.Entities;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MbcFhirEdu.Data;

/// <summary>
/// The one model of MbcFhirEdu's database. Each provider has its own derived context so each keeps its own
/// migrations: <see cref="SqliteMbcEduDbContext"/> (default) and <see cref="PostgresMbcEduDbContext"/>.
/// </summary>
public abstract class MbcEduDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public const int MaxIssuerLength = 2048;
    public const int MaxIdLength = 64;
    public const int MaxIdempotencyKeyLength = 200;
    public const int MaxCallerLength = 512;
    public const int MaxNoteLength = 1000;
    public const int MaxSenderNameLength = 200;
    public const int MaxErrorLength = 2000;
    public const int MaxJtiLength = 256;
    public const int MaxFeedbackCardLength = 128;
    public const int MaxFeedbackCommentLength = 2000;
    public const int MaxFeedbackSuggestionsLength = 16_384;

    public DbSet<LaunchStateRecord> LaunchStates => Set<LaunchStateRecord>();
    public DbSet<TokenSessionRecord> TokenSessions => Set<TokenSessionRecord>();
    public DbSet<DeliveryRecord> Deliveries => Set<DeliveryRecord>();
    public DbSet<DeliveryViewRecord> DeliveryViews => Set<DeliveryViewRecord>();
    public DbSet<AuditRecord> AuditEvents => Set<AuditRecord>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<CdsJtiRecord> CdsJtis => Set<CdsJtiRecord>();
    public DbSet<CdsFeedbackEntry> CdsFeedback => Set<CdsFeedbackEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LaunchStateRecord>(e =>
        {
            e.ToTable("launch_states");
            e.HasKey(x => x.State);
            e.Property(x => x.State).HasColumnName("state").HasMaxLength(128);
            e.Property(x => x.ProtectedPayload).HasColumnName("protected_payload").HasMaxLength(16_384);
            e.Property(x => x.Used).HasColumnName("used");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.ExpiresAt).HasColumnName("expires_at");
            e.HasIndex(x => x.ExpiresAt);
        });
        modelBuilder.Entity<TokenSessionRecord>(e =>
        {
            e.ToTable("token_sessions");
            e.HasKey(x => x.IdHash);
            e.Property(x => x.IdHash).HasColumnName("id_hash").HasMaxLength(64);
            e.Property(x => x.ProtectedPayload).HasColumnName("protected_payload").HasMaxLength(65_536);
            e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
            e.Property(x => x.ExpiresAt).HasColumnName("expires_at");
            e.HasIndex(x => x.ExpiresAt);
        });
        modelBuilder.Entity<DeliveryRecord>(e =>
        {
            e.ToTable("deliveries");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.IdempotencyKey).HasColumnName("idempotency_key").HasMaxLength(MaxIdempotencyKeyLength);
            e.Property(x => x.Issuer).HasColumnName("issuer").HasMaxLength(MaxIssuerLength);
            e.Property(x => x.Caller).HasColumnName("caller").HasMaxLength(MaxCallerLength);
            e.Property(x => x.PatientId).HasColumnName("patient_id").HasMaxLength(MaxIdLength);
            e.Property(x => x.MaterialId).HasColumnName("material_id").HasMaxLength(128);
            e.Property(x => x.Language).HasColumnName("language").HasMaxLength(16);
            e.Property(x => x.Note).HasColumnName("note").HasMaxLength(MaxNoteLength);
            e.Property(x => x.Sender).HasColumnName("sender").HasMaxLength(MaxCallerLength);
            e.Property(x => x.SenderName).HasColumnName("sender_name").HasMaxLength(MaxSenderNameLength);
            e.Property(x => x.TokenKind).HasColumnName("token_kind");
            e.Property(x => x.ProtectedTokenSessionId).HasColumnName("protected_token_session_id").HasMaxLength(4096);
            e.Property(x => x.Status).HasColumnName("status");
            e.Property(x => x.Attempts).HasColumnName("attempts");
            e.Property(x => x.NextAttemptAt).HasColumnName("next_attempt_at");
            e.Property(x => x.LeaseOwner).HasColumnName("lease_owner").HasMaxLength(128);
            e.Property(x => x.LeaseUntil).HasColumnName("lease_until");
            e.Property(x => x.LastError).HasColumnName("last_error").HasMaxLength(MaxErrorLength);
            e.Property(x => x.EhrCommunicationId).HasColumnName("ehr_communication_id").HasMaxLength(MaxIdLength);
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.DeliveredAt).HasColumnName("delivered_at");
            e.Property(x => x.FirstOpenedAt).HasColumnName("first_opened_at");
            e.HasIndex(x => new { x.Issuer, x.Caller, x.IdempotencyKey }).IsUnique().HasDatabaseName("ux_deliveries_idempotency");
            e.HasIndex(x => new { x.Issuer, x.PatientId, x.CreatedAt }).HasDatabaseName("ix_deliveries_patient");
            e.HasIndex(x => new { x.Status, x.NextAttemptAt }).HasDatabaseName("ix_deliveries_due");
        });
        modelBuilder.Entity<DeliveryViewRecord>(e =>
        {
            e.ToTable("delivery_views");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.DeliveryId).HasColumnName("delivery_id");
            e.Property(x => x.ViewedAt).HasColumnName("viewed_at");
            e.HasIndex(x => x.DeliveryId);
            e.HasOne<DeliveryRecord>().WithMany().HasForeignKey(x => x.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<AuditRecord>(e =>
        {
            e.ToTable("audit_events");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Time).HasColumnName("time");
            e.Property(x => x.Actor).HasColumnName("actor").HasMaxLength(MaxCallerLength);
            e.Property(x => x.Issuer).HasColumnName("issuer").HasMaxLength(MaxIssuerLength);
            e.Property(x => x.PatientId).HasColumnName("patient_id").HasMaxLength(MaxIdLength);
            e.Property(x => x.Action).HasColumnName("action").HasMaxLength(64);
            e.Property(x => x.Outcome).HasColumnName("outcome").HasMaxLength(16);
            e.Property(x => x.EntityId).HasColumnName("entity_id").HasMaxLength(MaxIdLength);
            e.HasIndex(x => x.Time);
        });
        modelBuilder.Entity<DataProtectionKey>(e => e.ToTable("data_protection_keys"));
        modelBuilder.Entity<CdsJtiRecord>(e =>
        {
            e.ToTable("cds_jtis");
            e.HasKey(x => x.KeyHash);
            e.Property(x => x.KeyHash).HasColumnName("key_hash").HasMaxLength(64);
            e.Property(x => x.Issuer).HasColumnName("issuer").HasMaxLength(MaxIssuerLength);
            e.Property(x => x.Jti).HasColumnName("jti").HasMaxLength(MaxJtiLength);
            e.Property(x => x.ExpiresAt).HasColumnName("expires_at");
            e.Property(x => x.RecordedAt).HasColumnName("recorded_at");
            e.HasIndex(x => x.ExpiresAt).HasDatabaseName("ix_cds_jtis_expires_at");
        });
        modelBuilder.Entity<CdsFeedbackEntry>(e =>
        {
            e.ToTable("cds_feedback");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.ServiceId).HasColumnName("service_id").HasMaxLength(64);
            e.Property(x => x.Card).HasColumnName("card").HasMaxLength(MaxFeedbackCardLength);
            e.Property(x => x.Outcome).HasColumnName("outcome").HasMaxLength(32);
            e.Property(x => x.AcceptedSuggestions).HasColumnName("accepted_suggestions").HasMaxLength(MaxFeedbackSuggestionsLength);
            e.Property(x => x.OverrideReasonCode).HasColumnName("override_reason_code").HasMaxLength(128);
            e.Property(x => x.OverrideReasonSystem).HasColumnName("override_reason_system").HasMaxLength(512);
            e.Property(x => x.UserComment).HasColumnName("user_comment").HasMaxLength(MaxFeedbackCommentLength);
            e.Property(x => x.OutcomeTimestamp).HasColumnName("outcome_timestamp");
            e.Property(x => x.Issuer).HasColumnName("issuer").HasMaxLength(MaxIssuerLength);
            e.Property(x => x.ReceivedAt).HasColumnName("received_at");
            e.HasIndex(x => x.ReceivedAt).HasDatabaseName("ix_cds_feedback_received_at");
        });
    }
}

/// <summary>The SQLite flavour (default: a file created on first run).</summary>
public sealed class SqliteMbcEduDbContext(DbContextOptions<SqliteMbcEduDbContext> options) : MbcEduDbContext(options)
{
    // SQLite has no date type that sorts and compares correctly with offsets: store UTC Unix milliseconds.
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UnixMillisecondsConverter>();
    }

    private sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));
}

/// <summary>The PostgreSQL flavour (production).</summary>
public sealed class PostgresMbcEduDbContext(DbContextOptions<PostgresMbcEduDbContext> options) : MbcEduDbContext(options);
