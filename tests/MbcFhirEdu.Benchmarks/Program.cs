using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/MbcFhirEdu.Benchmarks -- --filter '*' --job short
// Results go next to this project (not the repository root, whose top level is fixed).
var artifacts = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "BenchmarkDotNet.Artifacts");
BenchmarkSwitcher.FromAssembly(typeof(MbcFhirEdu.Benchmarks.LargeRecord).Assembly)
    .Run(args, DefaultConfig.Instance.WithArtifactsPath(Path.GetFullPath(artifacts)));
