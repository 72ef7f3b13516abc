using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace MbcFhirEdu.EndToEnd.Tests.Infrastructure;

/// <summary>axe-core (npm, tests/tools) injected into the page and run there.</summary>
public static class Axe
{
    public sealed record Violation(string Id, string? Impact, string Help, string HelpUrl, IReadOnlyList<string> Targets);

    /// <summary>Runs every axe-core rule on the page; fails if axe ran no rule at all (so an empty result means something).</summary>
    public static async Task<IReadOnlyList<Violation>> RunAsync(IPage page)
    {
        var script = WebAppProcess.AssemblyMetadata("AxeScript");
        if (!File.Exists(script))
            throw new InvalidOperationException($"{script} is missing: run `npm ci --prefix tests/tools` (tests/run-tests.sh does).");
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = script });
        var json = await page.EvaluateAsync<JsonElement>(
            """
            async () => {
              const result = await axe.run(document);
              if (result.passes.length === 0) throw new Error('axe-core passed no rule: it did not check the page');
              return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                targets: v.nodes.map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').replace(/\s+/g, ' '))
              }));
            }
            """);
        return json.EnumerateArray().Select(v => new Violation(
            v.GetProperty("id").GetString()!,
            v.GetProperty("impact").ValueKind == JsonValueKind.String ? v.GetProperty("impact").GetString() : null,
            v.GetProperty("help").GetString()!,
            v.GetProperty("helpUrl").GetString()!,
            v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!).ToList())).ToList();
    }

    public static string Describe(IEnumerable<Violation> violations)
    {
        var text = new StringBuilder();
        foreach (var v in violations)
        {
            text.AppendLine($"[{v.Impact ?? "none"}] {v.Id}: {v.Help} ({v.HelpUrl})");
            foreach (var t in v.Targets) text.AppendLine($"    {t}");
        }
        return text.ToString();
    }
}
