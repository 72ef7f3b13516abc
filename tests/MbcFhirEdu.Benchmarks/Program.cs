using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// Issue 14's figures in one run (thread CPU time; docs/performance.md):
//   dotnet run -c Release --project tests/MbcFhirEdu.Benchmarks -- --cpu-time [rounds=24] [patients=2000]
// Only the NDJSON population table of that run (issue 16 item 5, population mode of issue 18), about a minute:
//   dotnet run -c Release --project tests/MbcFhirEdu.Benchmarks -- --population-reading [patients=2000]
// The generated data, to look at or to feed to `mbcedu profile`:
//   dotnet run -c Release --project tests/MbcFhirEdu.Benchmarks -- --write-record record.json
//   dotnet run -c Release --project tests/MbcFhirEdu.Benchmarks -- --write-population population.ndjson [patients=2000]
// The same record benchmarks, and the matching benchmark, in BenchmarkDotNet's wall clock:
//   dotnet run -c Release --project tests/MbcFhirEdu.Benchmarks -- --filter '*' --job short
if (args is ["--cpu-time", ..])
{
    MbcFhirEdu.Benchmarks.CpuTimeRun.Run(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 24,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2000);
    return;
}

if (args is ["--population-reading", ..])
{
    var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; load average {load}; {Environment.ProcessorCount} cores; .NET {Environment.Version}"));
    MbcFhirEdu.Benchmarks.CpuTimeRun.Population(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000);
    return;
}

if (args is ["--write-record", var recordPath])
{
    File.WriteAllBytes(recordPath, MbcFhirEdu.Benchmarks.Synthetic.SyntheticRecord.Bundle());
    return;
}
if (args is ["--write-population", var populationPath, ..])
{
    using var output = File.Create(populationPath);
    MbcFhirEdu.Benchmarks.Synthetic.SyntheticRecord.Population(output, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2000);
    return;
}

// Results go next to this project (not the repository root, whose top level is fixed).
var artifacts = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "BenchmarkDotNet.Artifacts");
BenchmarkSwitcher.FromAssembly(typeof(MbcFhirEdu.Benchmarks.RecordBenchmarks).Assembly)
    .Run(args, DefaultConfig.Instance.WithArtifactsPath(Path.GetFullPath(artifacts)));
