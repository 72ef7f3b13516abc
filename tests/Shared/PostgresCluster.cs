using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace MbcFhirEdu.Tests.Shared;

/// <summary>
/// A real, private PostgreSQL server for tests, one per test process: <c>initdb</c> into a temp directory (as the
/// <c>postgres</c> user when running as root: initdb refuses root), <c>pg_ctl start</c> on a free 127.0.0.1 port with
/// the unix socket in the same directory, stopped and deleted when the process exits. When the environment variable
/// <c>MBCEDU_TEST_POSTGRES</c> holds a connection string, that server is used instead. If neither works the tests
/// fail with the reason: they never skip silently.
/// </summary>
public sealed class PostgresCluster
{
    public const string EnvironmentVariable = "MBCEDU_TEST_POSTGRES";
    private static readonly Lazy<Task<PostgresCluster>> Instance = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string? _dataDirectory;
    private readonly string? _root;
    private readonly string? _pgCtl;

    private PostgresCluster(string adminConnectionString, string? root, string? dataDirectory, string? pgCtl)
    {
        AdminConnectionString = adminConnectionString;
        _root = root;
        _dataDirectory = dataDirectory;
        _pgCtl = pgCtl;
    }

    /// <summary>A superuser connection to the <c>postgres</c> database.</summary>
    public string AdminConnectionString { get; }

    public static Task<PostgresCluster> SharedAsync() => Instance.Value;

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant()}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, MaxPoolSize = 60 }.ConnectionString;
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresCluster> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            try
            {
                await using var probe = new NpgsqlConnection(configured);
                await probe.OpenAsync();
            }
            catch (Exception e) when (e is NpgsqlException or ArgumentException or InvalidOperationException)
            {
                throw new InvalidOperationException($"{EnvironmentVariable} is set but PostgreSQL cannot be reached with it: {e.Message}", e);
            }
            return new PostgresCluster(configured, null, null, null);
        }

        var bin = FindBinDirectory() ?? throw new InvalidOperationException(
            "PostgreSQL tests need a server: install Debian 'postgresql' (tests/run-tests.sh does) so /usr/lib/postgresql/*/bin/initdb exists, "
            + $"or set {EnvironmentVariable} to a connection string.");
        SweepStaleClusters();
        var root = Path.Combine(Path.GetTempPath(), "mbcedu-pg-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(5)).ToLowerInvariant());
        var data = Path.Combine(root, "data");
        var socket = Path.Combine(root, "sock");
        Directory.CreateDirectory(socket);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var passwordFile = Path.Combine(root, "pwfile");
        await File.WriteAllTextAsync(passwordFile, password);
        var asRoot = Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root";
        if (asRoot) await RunAsync("chown", ["-R", "postgres:postgres", root], asRoot: false, TimeSpan.FromSeconds(30));

        var pgCtl = Path.Combine(bin, "pg_ctl");
        await RunAsync(Path.Combine(bin, "initdb"),
            ["-D", data, "-U", "postgres", "--pwfile", passwordFile, "--auth-host=scram-sha-256", "--auth-local=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync"],
            asRoot, TimeSpan.FromMinutes(2));
        File.Delete(passwordFile);

        // The port is picked free just before start; a clash with another process is retried with a new port.
        string? lastError = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = FreePort();
            var options = $"-p {port} -k {socket} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
            try
            {
                await RunAsync(pgCtl, ["-D", data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "-o", options, "start"], asRoot, TimeSpan.FromSeconds(90));
            }
            catch (InvalidOperationException e)
            {
                lastError = e.Message + " " + ReadLog(root);
                continue;
            }
            var admin = new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1", Port = port, Username = "postgres", Password = password, Database = "postgres", Timeout = 15, CommandTimeout = 60,
            }.ConnectionString;
            var cluster = new PostgresCluster(admin, root, data, pgCtl);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop(asRoot);
            return cluster;
        }
        throw new InvalidOperationException("The private PostgreSQL server did not start: " + lastError);
    }

    private void Stop(bool asRoot)
    {
        if (_pgCtl is null || _dataDirectory is null || _root is null) return;
        try
        {
            NpgsqlConnection.ClearAllPools();
            RunAsync(_pgCtl, ["-D", _dataDirectory, "-m", "immediate", "-w", "-t", "20", "stop"], asRoot, TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException) { }
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    // Leftovers of earlier runs whose server is no longer running (no postmaster.pid): a test process that was killed
    // cannot clean up after itself.
    private static void SweepStaleClusters()
    {
        foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), "mbcedu-pg-*"))
        {
            if (File.Exists(Path.Combine(dir, "data", "postmaster.pid"))) continue;
            if (Directory.GetLastWriteTimeUtc(dir) > DateTime.UtcNow.AddMinutes(-10)) continue;
            try { Directory.Delete(dir, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    private static string? FindBinDirectory() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string ReadLog(string root)
    {
        try
        {
            var lines = File.ReadAllLines(Path.Combine(root, "server.log"));
            return string.Join('\n', lines.TakeLast(15));
        }
        catch (IOException) { return ""; }
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, bool asRoot, TimeSpan timeout)
    {
        var start = new ProcessStartInfo { FileName = asRoot ? "runuser" : file, WorkingDirectory = Path.GetTempPath() };
        if (asRoot) foreach (var a in new[] { "-u", "postgres", "--", file }) start.ArgumentList.Add(a);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        var result = await BoundedProcess.RunAsync(start, timeout);
        if (result.TimedOut)
            throw new InvalidOperationException($"{Path.GetFileName(file)} did not finish within {timeout.TotalSeconds:0} s.");
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed (exit {result.ExitCode}): {result.StandardError} {result.StandardOutput}".Trim());
    }
}
