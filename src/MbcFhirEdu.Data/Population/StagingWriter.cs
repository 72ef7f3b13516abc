using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace MbcFhirEdu.Data.Population;

/// <summary>
/// Writes staged lines in batches into <c>population_staging</c> (<c>INSERT … ON CONFLICT DO UPDATE</c>) and the patients
/// into the run's to-do list. A re-read file overwrites its rows; of two copies of a resource the one with the newer
/// meta.lastUpdated is kept, else the later one (CODES.md rule 9). Every row takes this run's id, also when the stored
/// copy is kept: that is how a full run tells a resource that is still in the EHR from one that was deleted.
/// The bulk path skips EF Core (no model, no change tracking, no SQL text per batch): on SQLite one prepared single-row
/// statement run for each row inside one transaction (SQLite's fastest insert path); on PostgreSQL one statement per
/// batch whose rows come as typed arrays (<c>unnest</c>), so the statement text, and its plan, are the same every batch.
/// </summary>
internal sealed class StagingWriter(IDbContextFactory<MbcEduDbContext> factory)
{
    /// <summary>A line to stage: its keys, its partition and the line itself.</summary>
    public sealed record Row(ResourceLine Keys, int Partition, string Payload);

    // The kept copy by rule 9, written the same way on both providers; "rows" is the VALUES or the unnest.
    private const string UpsertStaging = """
        INSERT INTO population_staging (fhir_base, patient_id, resource_type, resource_id, "partition", run_id, last_updated, payload)
        {0}
        ON CONFLICT (fhir_base, patient_id, resource_type, resource_id) DO UPDATE SET
          run_id = excluded.run_id,
          "partition" = excluded."partition",
          payload = CASE WHEN excluded.last_updated IS NULL OR population_staging.last_updated IS NULL
                              OR excluded.last_updated >= population_staging.last_updated
                         THEN excluded.payload ELSE population_staging.payload END,
          last_updated = CASE WHEN excluded.last_updated IS NULL OR population_staging.last_updated IS NULL
                              OR excluded.last_updated >= population_staging.last_updated
                         THEN excluded.last_updated ELSE population_staging.last_updated END
        """;

    private const string InsertPatient = """
        INSERT INTO population_run_patients (run_id, "partition", patient_id) {0}
        ON CONFLICT (run_id, "partition", patient_id) DO NOTHING
        """;

    public async Task WriteAsync(string fhirBase, Guid runId, IReadOnlyCollection<Row> batch, CancellationToken ct)
    {
        if (batch.Count == 0) return;
        // One statement may not touch a row twice (PostgreSQL refuses): keep one copy per key, by rule 9.
        var unique = new Dictionary<(string, string, string), Row>();
        foreach (var row in batch)
        {
            var key = (row.Keys.PatientId, row.Keys.ResourceType, row.Keys.Id);
            if (!unique.TryGetValue(key, out var kept) || Newer(row, kept)) unique[key] = row;
        }
        var rows = unique.Values.ToList();
        var patients = rows.Select(r => (r.Keys.PatientId, r.Partition)).Distinct().ToList();
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var postgres = db.Database.IsNpgsql();
        // Both statements are idempotent upserts, so a retried attempt (PostgreSQL's retrying strategy) changes nothing twice.
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            await db.Database.OpenConnectionAsync(token).ConfigureAwait(false);
            try
            {
                var connection = db.Database.GetDbConnection();
                await using var transaction = await connection.BeginTransactionAsync(token).ConfigureAwait(false);
                if (postgres) await WritePostgresAsync(connection, transaction, fhirBase, runId, rows, patients, token).ConfigureAwait(false);
                else await WriteSqliteAsync(connection, transaction, fhirBase, runId, rows, patients, token).ConfigureAwait(false);
                await transaction.CommitAsync(token).ConfigureAwait(false);
            }
            finally
            {
                await db.Database.CloseConnectionAsync().ConfigureAwait(false);
            }
        }, ct).ConfigureAwait(false);
    }

    private static async Task WriteSqliteAsync(DbConnection connection, DbTransaction transaction, string fhirBase, Guid runId,
        List<Row> rows, List<(string PatientId, int Partition)> patients, CancellationToken ct)
    {
        await using (var command = Command(connection, transaction, string.Format(System.Globalization.CultureInfo.InvariantCulture, UpsertStaging,
            "VALUES ($base, $patient, $type, $id, $partition, $run, $updated, $payload)")))
        {
            var (patient, type, id, partition, updated, payload) = (Add(command, "$patient"), Add(command, "$type"), Add(command, "$id"),
                Add(command, "$partition"), Add(command, "$updated"), Add(command, "$payload"));
            Add(command, "$base").Value = fhirBase;
            Add(command, "$run").Value = SqliteGuid(runId);
            await command.PrepareAsync(ct).ConfigureAwait(false);
            foreach (var row in rows)
            {
                (patient.Value, type.Value, id.Value, partition.Value, payload.Value) = (row.Keys.PatientId, row.Keys.ResourceType, row.Keys.Id, row.Partition, row.Payload);
                updated.Value = row.Keys.LastUpdated is { } u ? u.ToUnixTimeMilliseconds() : DBNull.Value; // as UnixMillisecondsConverter stores it
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
        }
        await using var patientCommand = Command(connection, transaction, string.Format(System.Globalization.CultureInfo.InvariantCulture, InsertPatient,
            "VALUES ($run, $partition, $patient)"));
        var (patientId, patientPartition) = (Add(patientCommand, "$patient"), Add(patientCommand, "$partition"));
        Add(patientCommand, "$run").Value = SqliteGuid(runId);
        await patientCommand.PrepareAsync(ct).ConfigureAwait(false);
        foreach (var (id, partition) in patients)
        {
            (patientId.Value, patientPartition.Value) = (id, partition);
            await patientCommand.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    private static async Task WritePostgresAsync(DbConnection connection, DbTransaction transaction, string fhirBase, Guid runId,
        List<Row> rows, List<(string PatientId, int Partition)> patients, CancellationToken ct)
    {
        await using (var command = Command(connection, transaction, string.Format(System.Globalization.CultureInfo.InvariantCulture, UpsertStaging,
            "SELECT @base, r.patient, r.type, r.id, r.part, @run, r.updated, r.payload FROM unnest(@patients, @types, @ids, @parts, @updated, @payloads) AS r(patient, type, id, part, updated, payload)")))
        {
            Add(command, "base").Value = fhirBase;
            Add(command, "run").Value = runId;
            Add(command, "patients").Value = rows.Select(r => r.Keys.PatientId).ToArray();
            Add(command, "types").Value = rows.Select(r => r.Keys.ResourceType).ToArray();
            Add(command, "ids").Value = rows.Select(r => r.Keys.Id).ToArray();
            Add(command, "parts").Value = rows.Select(r => r.Partition).ToArray();
            var updated = (Npgsql.NpgsqlParameter)Add(command, "updated");
            updated.NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz;
            updated.Value = rows.Select(r => r.Keys.LastUpdated?.UtcDateTime).ToArray();
            Add(command, "payloads").Value = rows.Select(r => r.Payload).ToArray();
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        await using var patientCommand = Command(connection, transaction, string.Format(System.Globalization.CultureInfo.InvariantCulture, InsertPatient,
            "SELECT @run, r.part, r.patient FROM unnest(@parts, @patients) AS r(part, patient)"));
        Add(patientCommand, "run").Value = runId;
        Add(patientCommand, "parts").Value = patients.Select(p => p.Partition).ToArray();
        Add(patientCommand, "patients").Value = patients.Select(p => p.PatientId).ToArray();
        await patientCommand.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    // As EF Core stores a Guid on SQLite (TEXT, upper case), so its queries find these rows.
    private static string SqliteGuid(Guid id) => id.ToString().ToUpperInvariant();

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static DbParameter Add(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static bool Newer(Row candidate, Row kept) =>
        candidate.Keys.LastUpdated is null || kept.Keys.LastUpdated is null || candidate.Keys.LastUpdated >= kept.Keys.LastUpdated;
}
