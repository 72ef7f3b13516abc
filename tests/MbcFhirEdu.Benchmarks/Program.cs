using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/MbcFhirEdu.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(MbcFhirEdu.Benchmarks.LargeRecord).Assembly).Run(args);
