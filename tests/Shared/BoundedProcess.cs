using System.Diagnostics;

namespace MbcFhirEdu.Tests.Shared;

/// <summary>
/// Runs a child process (node tools, pg_ctl, the app in --migrate mode) to its end within a time limit, reading both
/// output streams; when the limit passes the whole process tree is killed and the result says so. Callers decide
/// what a timeout or a non-zero exit means for them (fail the test, throw, or report it).
/// </summary>
public static class BoundedProcess
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError, bool TimedOut)
    {
        /// <summary>Standard output followed by standard error.</summary>
        public string Output => StandardOutput + StandardError;
    }

    public static async Task<Result> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
            return new Result(-1, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false), TimedOut: true);
        }
        return new Result(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false), TimedOut: false);
    }

    /// <summary>The same, for synchronous callers.</summary>
    public static Result Run(ProcessStartInfo start, TimeSpan timeout) => RunAsync(start, timeout).GetAwaiter().GetResult();
}
