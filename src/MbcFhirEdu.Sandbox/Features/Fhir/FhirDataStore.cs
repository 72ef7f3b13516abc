using System.Reflection;
using System.Text.Json;
using MbcFhirEdu.Sandbox.Infrastructure;

namespace MbcFhirEdu.Sandbox.Features.Fhir;

/// <summary>The read-only synthetic records, loaded once from the embedded Data/*.json files.</summary>
internal sealed class FhirDataStore
{
    private const string ResourcePrefix = "MbcFhirEdu.Sandbox.Data.";
    private readonly Dictionary<string, List<StoredResource>> _byType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredResource> _byReference = new(StringComparer.Ordinal);

    public FhirDataStore(ILogger<FhirDataStore> logger)
    {
        var assembly = typeof(FhirDataStore).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(IsBundle).Order(StringComparer.Ordinal))
            foreach (var resource in ReadBundle(assembly, name))
                Add(resource);
        foreach (var list in _byType.Values) list.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        using var indexStream = Open(assembly, ResourcePrefix + "patients.json");
        Index = JsonSerializer.Deserialize<SandboxIndex>(indexStream, SandboxJson.Options) ?? throw new InvalidDataException("patients.json is empty");
        logger.DataLoaded(All("Patient").Count, _byReference.Count);
    }

    public SandboxIndex Index { get; }

    public IReadOnlyList<StoredResource> All(string resourceType) =>
        _byType.TryGetValue(resourceType, out var list) ? list : [];

    public StoredResource? Find(string resourceType, string id) =>
        _byReference.GetValueOrDefault($"{resourceType}/{id}");

    /// <summary>Names of the embedded files: <c>Bundle-*.json</c> and <c>Practitioners.json</c>.</summary>
    public static IEnumerable<string> EmbeddedBundleNames() =>
        typeof(FhirDataStore).Assembly.GetManifestResourceNames().Where(IsBundle).Select(n => n[ResourcePrefix.Length..]);

    private static bool IsBundle(string name) =>
        name.StartsWith(ResourcePrefix + "Bundle-", StringComparison.Ordinal) || name == ResourcePrefix + "Practitioners.json";

    private void Add(StoredResource resource)
    {
        if (!_byReference.TryAdd(resource.Reference, resource))
            throw new InvalidDataException($"Duplicate resource {resource.Reference} in the sandbox data.");
        if (!_byType.TryGetValue(resource.ResourceType, out var list)) _byType[resource.ResourceType] = list = [];
        list.Add(resource);
    }

    private static IEnumerable<StoredResource> ReadBundle(Assembly assembly, string name)
    {
        using var stream = Open(assembly, name);
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.GetProperty("entry").EnumerateArray()
            .Select(entry => StoredResource.From(entry.GetProperty("resource").Clone()))
            .ToList();
    }

    private static Stream Open(Assembly assembly, string name) =>
        assembly.GetManifestResourceStream(name) ?? throw new InvalidDataException($"Embedded resource {name} is missing.");
}
