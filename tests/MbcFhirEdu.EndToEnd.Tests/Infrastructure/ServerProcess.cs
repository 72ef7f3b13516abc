using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MbcFhirEdu.Tests.Shared;

namespace MbcFhirEdu.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One server as an OS process of its own: <c>dotnet {dll} --urls http://127.0.0.1:{port}</c> with the given
/// environment, its stdout and stderr kept (for failure messages). <see cref="Kill"/> ends exactly that process at
/// once (as a crash would); <see cref="DisposeAsync"/> does the same if it is still running.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(string name, Process process, Uri origin)
    {
        Name = name;
        _process = process;
        Origin = origin;
    }

    public string Name { get; }

    /// <summary><c>http://127.0.0.1:{port}</c> (no trailing slash).</summary>
    public Uri Origin { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>A free loopback port (bound, read, released) for a process to listen on.</summary>
    public static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try { return ((IPEndPoint)listener.LocalEndpoint).Port; }
        finally { listener.Stop(); }
    }

    /// <summary>Starts the process and waits (bounded) until <paramref name="readyPath"/> answers 200.</summary>
    public static async Task<ServerProcess> StartAsync(
        string name, string dll, int port, IReadOnlyDictionary<string, string> environment, string readyPath, TimeSpan timeout)
    {
        if (!File.Exists(dll)) throw new InvalidOperationException($"{name}: {dll} is missing (build the test project, which builds it).");
        var origin = new Uri($"http://127.0.0.1:{port}");
        var process = Process.Start(StartInfo(dll, ["--urls", origin.ToString().TrimEnd('/')], environment))
                      ?? throw new InvalidOperationException($"{name}: dotnet did not start.");
        var server = new ServerProcess(name, process, origin);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilAsync(readyPath, timeout);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>Runs <c>dotnet {dll} {args}</c> to its end (bounded) and returns the exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToEndAsync(string dll, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var result = await BoundedProcess.RunAsync(StartInfo(dll, args, environment), timeout);
        return result.TimedOut
            ? (-1, $"did not finish within {timeout.TotalSeconds:0} s\n{result.StandardOutput}\n{result.StandardError}")
            : (result.ExitCode, result.StandardOutput + "\n" + result.StandardError);
    }

    private static ProcessStartInfo StartInfo(string dll, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        return start;
    }

    private async Task WaitUntilAsync(string path, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}:\n{Output}");
            try
            {
                using var response = await http.GetAsync(new Uri(Origin, path));
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{Name}: {path} did not answer 200 within {timeout.TotalSeconds:0} s:\n{Output}");
    }

    /// <summary>Ends the process at once (SIGKILL), as a crash or an evicted pod would, and waits for it (bounded).</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: false);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(cts.Token);
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        try { await KillAsync(); }
        catch (InvalidOperationException) { } // never started or already reaped
        _process.Dispose();
    }
}
