using System.Text;
using Microsoft.EntityFrameworkCore;

namespace MbcFhirEdu.Data.Population;

/// <summary>
/// Writes staged lines in batches: one <c>INSERT … ON CONFLICT DO UPDATE</c> per batch into <c>population_staging</c>
/// (the same SQL on SQLite and PostgreSQL) and the patients into the run's to-do list. A re-read file overwrites its rows;
/// of two copies of a resource the one with the newer meta.lastUpdated is kept, else the later one (CODES.md rule 9).
/// Every row takes this run's id, also when the stored copy is kept: that is how a full run tells a resource that is
/// still in the EHR from one that was deleted.
/// </summary>
internal sealed class StagingWriter(IDbContextFactory<MbcEduDbContext> factory)
{
    /// <summary>A line to stage: its keys, its partition and the line itself.</summary>
    public sealed record Row(ResourceLine Keys, int Partition, string Payload);

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
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var postgres = db.Database.IsNpgsql();
        var parameters = new List<object> { fhirBase, runId };
        var sql = new StringBuilder("INSERT INTO population_staging (fhir_base, patient_id, resource_type, resource_id, \"partition\", run_id, last_updated, payload) VALUES ");
        var first = true;
        foreach (var row in unique.Values)
        {
            var at = parameters.Count;
            parameters.Add(row.Keys.PatientId);
            parameters.Add(row.Keys.ResourceType);
            parameters.Add(row.Keys.Id);
            parameters.Add(row.Partition);
            parameters.Add(row.Payload);
            // A missing lastUpdated is written as a literal NULL: a null parameter has no type for EF to map.
            var lastUpdated = "NULL";
            if (row.Keys.LastUpdated is { } u)
            {
                lastUpdated = $"{{{parameters.Count}}}";
                parameters.Add(postgres ? u : u.ToUnixTimeMilliseconds());
            }
            sql.Append(first ? "" : ", ").Append($"({{0}}, {{{at}}}, {{{at + 1}}}, {{{at + 2}}}, {{{at + 3}}}, {{1}}, {lastUpdated}, {{{at + 4}}})");
            first = false;
        }
        sql.Append("""
             ON CONFLICT (fhir_base, patient_id, resource_type, resource_id) DO UPDATE SET
               run_id = excluded.run_id,
               "partition" = excluded."partition",
               payload = CASE WHEN excluded.last_updated IS NULL OR population_staging.last_updated IS NULL
                                   OR excluded.last_updated >= population_staging.last_updated
                              THEN excluded.payload ELSE population_staging.payload END,
               last_updated = CASE WHEN excluded.last_updated IS NULL OR population_staging.last_updated IS NULL
                                   OR excluded.last_updated >= population_staging.last_updated
                              THEN excluded.last_updated ELSE population_staging.last_updated END
            """);
        await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, ct).ConfigureAwait(false);

        var patients = unique.Values.Select(r => (r.Keys.PatientId, r.Partition)).Distinct().ToList();
        var patientParameters = new List<object> { runId };
        var patientSql = new StringBuilder("INSERT INTO population_run_patients (run_id, \"partition\", patient_id) VALUES ");
        for (var i = 0; i < patients.Count; i++)
        {
            var at = patientParameters.Count;
            patientParameters.Add(patients[i].Partition);
            patientParameters.Add(patients[i].PatientId);
            patientSql.Append(i == 0 ? "" : ", ").Append($"({{0}}, {{{at}}}, {{{at + 1}}})");
        }
        patientSql.Append(" ON CONFLICT (run_id, \"partition\", patient_id) DO NOTHING");
        await db.Database.ExecuteSqlRawAsync(patientSql.ToString(), patientParameters, ct).ConfigureAwait(false);
    }

    private static bool Newer(Row candidate, Row kept) =>
        candidate.Keys.LastUpdated is null || kept.Keys.LastUpdated is null || candidate.Keys.LastUpdated >= kept.Keys.LastUpdated;
}
