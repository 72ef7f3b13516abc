using System.Text.Json;

namespace MbcFhirEdu.Core.Tests.Profiles;

/// <summary>
/// A ValueSet from fhir-profiles/fsh-generated/resources, reduced to what the drift test compares: the
/// included and excluded members (see <see cref="Terms"/>) and each concept's display. Anything the test
/// cannot compare exactly (an included value set, several filters ANDed, a filter other than is-a) fails.
/// </summary>
internal sealed record GeneratedValueSet(
    string Id, IReadOnlySet<string> Included, IReadOnlySet<string> Excluded, IReadOnlyDictionary<string, string> Displays)
{
    public static string ResourcesDirectory => RepoRoot.Combine("fhir-profiles", "fsh-generated", "resources");

    public static IReadOnlyList<string> AllIds() =>
        [.. Directory.GetFiles(ResourcesDirectory, "ValueSet-*.json")
            .Select(f => Path.GetFileNameWithoutExtension(f)["ValueSet-".Length..])
            .Order(StringComparer.Ordinal)];

    public static GeneratedValueSet Load(string id)
    {
        var path = Path.Combine(ResourcesDirectory, $"ValueSet-{id}.json");
        Assert.True(File.Exists(path), $"fhir-profiles has no ValueSet '{id}' ({path}). Add it to fhir-profiles/input/fsh and run tests/tools/sushi-build.sh.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var compose = document.RootElement.GetProperty("compose");
        var displays = new Dictionary<string, string>(StringComparer.Ordinal);
        var included = Read(id, compose, "include", displays);
        var excluded = Read(id, compose, "exclude", displays);
        return new GeneratedValueSet(id, included, excluded, displays);
    }

    private static HashSet<string> Read(string id, JsonElement compose, string part, Dictionary<string, string> displays)
    {
        var members = new HashSet<string>(StringComparer.Ordinal);
        if (!compose.TryGetProperty(part, out var components)) return members;
        foreach (var component in components.EnumerateArray())
        {
            Assert.False(component.TryGetProperty("valueSet", out _), $"ValueSet {id}: {part} of another value set is not compared by the drift test.");
            var system = component.GetProperty("system").GetString()!;
            var hasConcepts = component.TryGetProperty("concept", out var concepts);
            var hasFilters = component.TryGetProperty("filter", out var filters);
            if (!hasConcepts && !hasFilters)
            {
                members.Add($"{system}|*");
                continue;
            }
            if (hasConcepts)
            {
                foreach (var concept in concepts.EnumerateArray())
                {
                    var member = Terms.Concept(system, concept.GetProperty("code").GetString()!);
                    members.Add(member);
                    if (concept.TryGetProperty("display", out var display)) displays[member] = display.GetString()!;
                }
            }
            if (hasFilters)
            {
                Assert.True(filters.GetArrayLength() == 1, $"ValueSet {id}: several filters in one {part} are ANDed; write one {part} per prefix.");
                var filter = filters[0];
                var op = filter.GetProperty("op").GetString();
                var property = filter.GetProperty("property").GetString();
                Assert.True(op == "is-a" && property == "concept", $"ValueSet {id}: only 'concept is-a' filters mirror Core's prefix tables (found '{property} {op}').");
                members.Add(Terms.IsA(system, filter.GetProperty("value").GetString()!));
            }
        }
        return members;
    }
}
