extern alias cli;

using System.Reflection;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore.Migrations;
using MbcFhirEdu.Web.Tests.Deployment;

namespace MbcFhirEdu.Web.Tests.Architecture;

/// <summary>
/// Every public top-level type of the src projects has a simple name no other src project uses: two public
/// <c>PatientRecord</c>s (Core's and the FHIR loader's) meant readers and IDE imports picked the wrong one.
/// </summary>
public sealed class UniqueTypeNamesTests
{
    [Fact]
    public void NoTwoPublicTypesOfTheSourceProjectsShareASimpleName()
    {
        var assemblies = SourceAssemblies();

        var duplicates = assemblies
            .SelectMany(PublicTopLevelTypes)
            .GroupBy(type => type.Name)
            .Where(group => group.Count() > 1)
            .Select(group => group.Key + ": " + string.Join(", ", group.Select(type => type.FullName)))
            .ToArray();

        Assert.True(duplicates.Length == 0, "Public types sharing a name:\n" + string.Join("\n", duplicates));
    }

    [Fact]
    public void TheCheckSeesEverySourceProject()
    {
        var names = SourceAssemblies().Select(assembly => assembly.GetName().Name).ToHashSet();

        var projects = Directory.EnumerateFiles(RepoFiles.Combine("src"), "*.csproj", SearchOption.AllDirectories)
            .Select(AssemblyNameOf)
            .ToArray();
        Assert.NotEmpty(projects);
        Assert.All(projects, project => Assert.Contains(project, names));
    }

    /// <summary>The web app, the CLI and every MbcFhirEdu assembly they reference.</summary>
    private static IReadOnlyList<Assembly> SourceAssemblies()
    {
        var found = new Dictionary<string, Assembly>();
        var pending = new Stack<Assembly>([typeof(Program).Assembly, typeof(cli::MbcFhirEdu.Cli.CliApp).Assembly]);
        while (pending.TryPop(out var assembly))
        {
            if (!found.TryAdd(assembly.GetName().Name!, assembly)) continue;
            foreach (var reference in assembly.GetReferencedAssemblies().Where(r => r.Name!.StartsWith("MbcFhirEdu.", StringComparison.Ordinal)))
                pending.Push(Assembly.Load(reference));
        }
        return found.Values.ToArray();
    }

    private static string AssemblyNameOf(string csproj) =>
        XDocument.Load(csproj).Descendants("AssemblyName").FirstOrDefault()?.Value ?? Path.GetFileNameWithoutExtension(csproj);

    // Left out: an executable's entry-point class (named Program by convention, never imported by name) and EF's
    // generated migrations, one class per migration and provider, named after the migration in a provider namespace.
    private static IEnumerable<Type> PublicTopLevelTypes(Assembly assembly) =>
        assembly.GetExportedTypes().Where(type =>
            !type.IsNested && type != assembly.EntryPoint?.DeclaringType && !type.IsSubclassOf(typeof(Migration)));
}
