using MbcFhirEdu.Data.Configurations;
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
    public DbSet<PopulationRunRecord> PopulationRuns => Set<PopulationRunRecord>();
    public DbSet<PopulationRunFileRecord> PopulationRunFiles => Set<PopulationRunFileRecord>();
    public DbSet<PopulationRunPartitionRecord> PopulationRunPartitions => Set<PopulationRunPartitionRecord>();
    public DbSet<PopulationStagedRecord> PopulationStaging => Set<PopulationStagedRecord>();
    public DbSet<PopulationRunPatientRecord> PopulationRunPatients => Set<PopulationRunPatientRecord>();
    public DbSet<PatientSnapshotRecord> PatientSnapshots => Set<PatientSnapshotRecord>();
    public DbSet<WorklistEntryRecord> WorklistEntries => Set<WorklistEntryRecord>();

    // Each table is configured in its own IEntityTypeConfiguration (Configurations/).
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new LaunchStateConfiguration());
        modelBuilder.ApplyConfiguration(new TokenSessionConfiguration());
        modelBuilder.ApplyConfiguration(new DeliveryConfiguration());
        modelBuilder.ApplyConfiguration(new DeliveryViewConfiguration());
        modelBuilder.ApplyConfiguration(new AuditConfiguration());
        modelBuilder.ApplyConfiguration(new DataProtectionKeyConfiguration());
        modelBuilder.ApplyConfiguration(new CdsJtiConfiguration());
        modelBuilder.ApplyConfiguration(new CdsFeedbackConfiguration());
        modelBuilder.ApplyConfiguration(new PopulationRunConfiguration());
        modelBuilder.ApplyConfiguration(new PopulationRunFileConfiguration());
        modelBuilder.ApplyConfiguration(new PopulationRunPartitionConfiguration());
        modelBuilder.ApplyConfiguration(new PopulationStagedConfiguration());
        modelBuilder.ApplyConfiguration(new PopulationRunPatientConfiguration());
        modelBuilder.ApplyConfiguration(new PatientSnapshotConfiguration());
        modelBuilder.ApplyConfiguration(new WorklistEntryConfiguration());
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

    // One SaveChanges at a time per database file in this process (see SqliteWriteGate): SQLite has one writer, and
    // Microsoft.Data.Sqlite answers a busy database by sleeping 150 ms per retry on the calling thread.
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var gate = SqliteWriteGate.For(Database.GetConnectionString());
        gate.Wait();
        try { return base.SaveChanges(acceptAllChangesOnSuccess); }
        finally { gate.Release(); }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var gate = SqliteWriteGate.For(Database.GetConnectionString());
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try { return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false); }
        finally { gate.Release(); }
    }

    private sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));
}

/// <summary>The PostgreSQL flavour (production).</summary>
public sealed class PostgresMbcEduDbContext(DbContextOptions<PostgresMbcEduDbContext> options) : MbcEduDbContext(options);
