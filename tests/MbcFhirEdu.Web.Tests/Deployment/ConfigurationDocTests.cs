using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using MbcFhirEdu.Data;
using MbcFhirEdu.Fhir.Configuration;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Sandbox;
using MbcFhirEdu.Web.Infrastructure;
using MbcFhirEdu.Web.Infrastructure.Observability;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Tests.Deployment;

/// <summary>
/// docs/configuration.md against the options classes: every setting of every options type bound to a configuration
/// section (found by reflection: a <c>SectionName</c> constant; and every type the running app binds is one of them)
/// has a row with its default and range as the class declares them, and the document names no setting that is gone.
/// </summary>
public sealed partial class ConfigurationDocTests
{
    private static readonly string DocPath = RepoFiles.Combine("docs", "configuration.md");

    // Keys the app reads without an options class (IConfiguration indexer or GetConnectionString).
    private static readonly string[] DirectKeys =
    [
        "ConnectionStrings:" + DatabaseOptions.ConnectionStringName,
        ObservabilityRegistration.LogFormatKey,
        ObservabilityRegistration.OtlpEndpointKey,
        ObservabilityRegistration.OtlpProtocolKey,
        "Sandbox:Enabled",
    ];

    [Fact]
    public void ConfigurationDoc_HasARowForEverySetting_WithTheClassDefaultAndRange()
    {
        var rows = DocRows();
        var problems = new List<string>();
        foreach (var setting in Settings())
        {
            if (!rows.TryGetValue(setting.Key, out var row))
            {
                problems.Add($"missing: | `{setting.Key}` | {setting.Default} | {setting.Range ?? ""} | … |");
                continue;
            }
            if (row.Default != setting.Default) problems.Add($"{setting.Key}: default is {setting.Default}, the document says {row.Default}");
            if (setting.Range is { } range && row.Range != range) problems.Add($"{setting.Key}: range is {range}, the document says {row.Range}");
            if (row.Meaning.Length < 10) problems.Add($"{setting.Key}: the meaning is missing");
        }
        Assert.True(problems.Count == 0, "docs/configuration.md is out of date:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void ConfigurationDoc_NamesNoSettingThatDoesNotExist()
    {
        var known = Settings().Select(s => s.Key).Concat(DirectKeys).ToHashSet(StringComparer.Ordinal);
        var unknown = DocRows().Keys.Where(k => !known.Contains(k)).ToList();
        Assert.True(unknown.Count == 0, "docs/configuration.md names settings no options class has: " + string.Join(", ", unknown));
    }

    [Fact]
    public void ConfigurationDoc_NamesEveryKeyReadWithoutAnOptionsClass()
    {
        var rows = DocRows();
        Assert.All(DirectKeys, key => Assert.True(rows.ContainsKey(key), $"docs/configuration.md lacks {key}"));
    }

    [Fact]
    public async Task EveryOptionsTypeTheAppBindsToConfiguration_HasASectionName()
    {
        List<ServiceDescriptor> services = [];
        await using var app = WebAppFactory.With(new Dictionary<string, string?>(), s => services = [.. s]);
        _ = app.Services;
        var bound = services
            .Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IOptionsChangeTokenSource<>))
            .Select(d => d.ServiceType.GetGenericArguments()[0])
            .Where(t => t.Assembly.GetName().Name!.StartsWith("MbcFhirEdu.", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        Assert.NotEmpty(bound);
        var documented = OptionsTypes().ToHashSet();
        Assert.All(bound, t => Assert.True(documented.Contains(t), $"{t.Name} is bound to configuration but has no SectionName constant"));
    }

    /// <summary>Types with a <c>const string SectionName</c> in the app's assemblies.</summary>
    private static IEnumerable<Type> OptionsTypes() =>
        new[] { typeof(WebOptions), typeof(SmartClientOptions), typeof(DatabaseOptions), typeof(SandboxOptions) }
            .Select(t => t.Assembly).Distinct()
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsClass && !t.IsAbstract && SectionName(t) is not null && t.GetConstructor(Type.EmptyTypes) is not null);

    private static string? SectionName(Type t) =>
        t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } f ? f.GetRawConstantValue() as string : null;

    private sealed record Setting(string Key, string Default, string? Range);

    private static List<Setting> Settings() =>
        [.. OptionsTypes().SelectMany(t => SettingsOf(t, SectionName(t)!)).OrderBy(s => s.Key, StringComparer.Ordinal)];

    private static IEnumerable<Setting> SettingsOf(Type type, string prefix)
    {
        var instance = Activator.CreateInstance(type);
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
        {
            var key = prefix + ":" + p.Name;
            if (ListElement(p.PropertyType) is { } element && element != typeof(string))
            {
                // A list of objects: one row per item setting, the index written as N.
                foreach (var s in SettingsOf(element, key + ":N")) yield return s;
                continue;
            }
            yield return new Setting(key, Format(p.GetValue(instance)), Range(p));
        }
    }

    private static Type? ListElement(Type t) =>
        t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>) ? t.GetGenericArguments()[0] : null;

    internal static string Format(object? value) => value switch
    {
        null => "(unset)",
        string { Length: 0 } => "(empty)",
        string s => s,
        bool b => b ? "true" : "false",
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        IEnumerable list when !list.Cast<object>().Any() => "(empty)",
        IEnumerable list => string.Join(", ", list.Cast<object>().Select(Format)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string? Range(PropertyInfo p) =>
        p.GetCustomAttribute<TimeSpanRangeAttribute>() is { } span ? $"{Format(span.Minimum)} – {Format(span.Maximum)}"
        : p.GetCustomAttribute<RangeAttribute>() is { } range ? $"{Format(range.Minimum)} – {Format(range.Maximum)}"
        : null;

    private sealed record DocRow(string Default, string Range, string Meaning);

    /// <summary>Table rows <c>| `Key` | default | range | meaning |</c>; backticks around values are ignored.</summary>
    private static Dictionary<string, DocRow> DocRows()
    {
        Assert.True(File.Exists(DocPath), "docs/configuration.md is missing");
        var rows = new Dictionary<string, DocRow>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(DocPath))
        {
            var match = Row().Match(line);
            if (!match.Success) continue;
            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim().Replace("`", "", StringComparison.Ordinal)).ToArray();
            Assert.True(cells.Length >= 4, $"docs/configuration.md: a settings row needs key, default, range and meaning: {line}");
            Assert.True(rows.TryAdd(match.Groups["key"].Value, new DocRow(cells[1], cells[2], string.Join('|', cells[3..]))),
                $"docs/configuration.md names {match.Groups["key"].Value} twice");
        }
        return rows;
    }

    [GeneratedRegex(@"^\|\s*`(?<key>[A-Za-z]+(:[A-Za-z0-9]+)+)`\s*\|")]
    private static partial Regex Row();
}
