using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

/// <summary>
/// The floor of a CDS call: Firely alone deserializing the request's prefetch values into POCOs, in the mode the app
/// reads them (BackwardsCompatible, src/MbcFhirEdu.Fhir/Input/FhirJson.cs), nothing else. ROUNDS rounds after 3 warm-up
/// rounds; the median wall time and the median process CPU time of a round.
/// </summary>
static class FirelyFloor
{
    private static readonly JsonSerializerOptions Options =
        new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector).UsingMode(DeserializationMode.BackwardsCompatible);

    public static int Run(string bodyPath, int rounds)
    {
        using var body = JsonDocument.Parse(File.ReadAllBytes(bodyPath));
        var values = body.RootElement.GetProperty("prefetch").EnumerateObject().Select(p => p.Value.GetRawText()).ToList();
        var resources = 0;
        var wall = new List<double>();
        var cpu = new List<double>();
        var process = Process.GetCurrentProcess();
        for (var round = 0; round < rounds + 3; round++)
        {
            GC.Collect();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            resources = values.Sum(Count);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            process.Refresh();
            if (round < 3) continue;
            wall.Add(elapsed);
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"firely floor: {resources} resources, {new FileInfo(bodyPath).Length} bytes; median {Median(wall):F1} ms wall, {Median(cpu):F1} ms CPU per body ({rounds} rounds)"));
        return 0;
    }

    // Firely reports problems (e.g. an empty entry array) as an exception carrying what it read; the app keeps that too.
    private static int Count(string json)
    {
        Resource? resource;
        try { resource = JsonSerializer.Deserialize<Resource>(json, Options); }
        catch (DeserializationFailedException e) { resource = e.PartialResult as Resource; }
        return resource is Bundle b ? b.Entry.Count : resource is null ? 0 : 1;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }
}
