using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/MbcFhirEdu.Benchmarks -- --filter '*' --job short
// dotnet run -c Release --project tests/MbcFhirEdu.Benchmarks -- --cpu-time [rounds]   (see CpuTimeRun)
if (args is ["--cpu-time", ..])
{
    MbcFhirEdu.Benchmarks.CpuTimeRun.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 300);
    return;
}

// Results go next to this project (not the repository root, whose top level is fixed).
var artifacts = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "BenchmarkDotNet.Artifacts");
BenchmarkSwitcher.FromAssembly(typeof(MbcFhirEdu.Benchmarks.LargeRecord).Assembly)
    .Run(args, DefaultConfig.Instance.WithArtifactsPath(Path.GetFullPath(artifacts)));
