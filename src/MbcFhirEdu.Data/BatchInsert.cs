using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace MbcFhirEdu.Data;

/// <summary>
/// Inserts many rows of one entity with one statement on the context's connection: the table, column names and value
/// conversions come from the EF Core model (so SQLite's Unix-millisecond times and PostgreSQL's timestamptz are written
/// as SaveChanges would write them), without SaveChanges' per-row change tracking, which cost more CPU per CDS call than
/// the rest of the write (docs/performance.md, CDS session 10). On SQLite it takes this process's write gate, as
/// SaveChanges does (<see cref="SqliteWriteGate"/>). Used by the group-commit writers (<see cref="GroupCommitQueue{TItem,TResult}"/>).
/// </summary>
internal static class BatchInsert
{
    /// <summary>
    /// Runs <c>INSERT INTO table (columns) VALUES (...), (...) suffix</c> and returns the first column of each row the
    /// statement returns (a <c>RETURNING</c> clause in <paramref name="suffix"/>; none: an empty list).
    /// </summary>
    /// <param name="properties">The entity's property names to write; <paramref name="values"/> gives their values in that order.</param>
    public static async Task<List<string>> ExecuteAsync<T>(MbcEduDbContext db, IReadOnlyList<T> rows, IReadOnlyList<string> properties,
        Func<T, object?[]> values, string suffix = "")
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var columns = properties.Select(p => entity.FindProperty(p) ?? throw new InvalidOperationException($"{typeof(T).Name}.{p} is not in the model.")).ToArray();
        var converters = columns.Select(c => c.GetTypeMapping().Converter).ToArray();

        await using var command = db.Database.GetDbConnection().CreateCommand();
        var sql = new StringBuilder("INSERT INTO \"").Append(entity.GetTableName()).Append("\" (")
            .AppendJoin(", ", columns.Select(c => "\"" + c.GetColumnName() + "\"")).Append(") VALUES ");
        var n = 0;
        for (var r = 0; r < rows.Count; r++)
        {
            var row = values(rows[r]);
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Length; c++, n++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + n;
                parameter.Value = row[c] is { } value ? converters[c]?.ConvertToProvider(value) ?? value : DBNull.Value;
                command.Parameters.Add(parameter);
                sql.Append(c == 0 ? "" : ",").Append("@p").Append(n);
            }
            sql.Append(')');
        }
        command.CommandText = sql.Append(' ').Append(suffix).ToString();

        var returned = new List<string>();
        var gate = db is SqliteMbcEduDbContext ? SqliteWriteGate.For(db.Database.GetConnectionString()) : null;
        if (gate is not null) await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await db.Database.OpenConnectionAsync().ConfigureAwait(false);
            await using DbDataReader reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false)) returned.Add(reader.GetString(0));
        }
        catch (DbException e)
        {
            // What SaveChanges throws for a failed write, so callers keep one failure type for both ways of writing.
            throw new DbUpdateException($"Inserting {rows.Count} {typeof(T).Name} row(s) failed.", e);
        }
        finally
        {
            gate?.Release();
        }
        return returned;
    }
}
