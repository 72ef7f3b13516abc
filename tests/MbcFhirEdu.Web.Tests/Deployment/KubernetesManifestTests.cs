namespace MbcFhirEdu.Web.Tests.Deployment;

/// <summary>
/// Issue 7: every manifest in k8s/ (base, migration and each overlay, rendered by <c>kubectl kustomize</c>) is valid
/// against the Kubernetes schema in npm <c>kubernetes-models</c> and meets our policy; a broken copy is rejected.
/// </summary>
public sealed class KubernetesManifestTests
{
    [Fact]
    public void EveryKustomization_RendersAndValidates()
    {
        var (exitCode, output) = RepoFiles.RunNodeTool("validate-k8s.mjs", RepoFiles.Combine("k8s"));

        Assert.True(exitCode == 0, $"validate-k8s.mjs found problems (exit {exitCode}):\n{output}");
        // base, migration, population, overlays/dev, overlays/dev/migration, overlays/dev/population, overlays/prod,
        // overlays/prod/migration, overlays/prod/population
        Assert.Contains("valid in 9 kustomizations", output, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenCopy_IsRejectedWithEachProblemNamed()
    {
        var copy = Path.Combine(Path.GetTempPath(), $"mbcedu-k8s-{Guid.NewGuid():n}");
        CopyFolder(RepoFiles.Combine("k8s"), copy);
        try
        {
            Edit(Path.Combine(copy, "base", "deployment.yaml"), "  replicas: 2", "  replicas: two");
            Edit(Path.Combine(copy, "base", "deployment.yaml"), "          imagePullPolicy: IfNotPresent", "          imagePullPolicy: IfNotPresent\n          imagePullPolicyy: Always");
            Edit(Path.Combine(copy, "migration", "job.yaml"), "readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false");
            Edit(Path.Combine(copy, "base", "configmap.yaml"), "  Logging__Format: json", "  Logging__Format: json\n  ConnectionStrings__Default: \"Host=db;Password=x\"");
            // An overlay patch that removes a limit: only the prod rendering lacks it.
            Edit(Path.Combine(copy, "overlays", "prod", "kustomization.yaml"), "patchesJson6902:\n",
                "patchesJson6902:\n  - target: { group: apps, version: v1, kind: Deployment, name: mbcfhiredu-web }\n    path: drop-limit.yaml\n");
            File.WriteAllText(Path.Combine(copy, "overlays", "prod", "drop-limit.yaml"),
                "- op: remove\n  path: /spec/template/spec/containers/0/resources/limits/memory\n");

            var (exitCode, output) = RepoFiles.RunNodeTool("validate-k8s.mjs", copy);

            Assert.True(exitCode == 1, $"expected exit 1, got {exitCode}:\n{output}");
            var prod = Path.Combine(copy, "overlays", "prod");
            Assert.Contains($"{Path.Combine(copy, "base")} Deployment/mbcfhiredu-web schema: data/spec/replicas must be integer", output, StringComparison.Ordinal);
            Assert.Contains("Deployment/mbcfhiredu-web schema: $.spec.template.spec.containers[0].imagePullPolicyy is not a field of apps/v1/Deployment", output, StringComparison.Ordinal);
            Assert.Contains("Job/mbcfhiredu-migrate policy: container migrate must set readOnlyRootFilesystem: true", output, StringComparison.Ordinal);
            Assert.Contains("ConfigMap/mbcfhiredu-config policy: ConfigMap key ConnectionStrings__Default looks like a secret", output, StringComparison.Ordinal);
            Assert.Contains($"{prod} Deployment/mbcfhiredu-web policy: container web has no memory limits", output, StringComparison.Ordinal);
            Assert.DoesNotContain($"{Path.Combine(copy, "overlays", "dev")} Deployment/mbcfhiredu-web policy: container web has no memory limits", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public void UnknownKind_IsRejected()
    {
        var copy = Path.Combine(Path.GetTempPath(), $"mbcedu-k8s-{Guid.NewGuid():n}");
        Directory.CreateDirectory(copy);
        try
        {
            File.WriteAllText(Path.Combine(copy, "kustomization.yaml"), "resources:\n  - widget.yaml\n");
            File.WriteAllText(Path.Combine(copy, "widget.yaml"), "apiVersion: apps/v1\nkind: Widget\nmetadata:\n  name: w\n");

            var (exitCode, output) = RepoFiles.RunNodeTool("validate-k8s.mjs", copy);

            Assert.True(exitCode == 1, $"expected exit 1, got {exitCode}:\n{output}");
            Assert.Contains("Widget/w unknown apiVersion/kind apps/v1/Widget", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static void Edit(string file, string from, string to)
    {
        var text = File.ReadAllText(file);
        Assert.True(text.Contains(from, StringComparison.Ordinal), $"{file} no longer contains '{from}': update this test.");
        File.WriteAllText(file, text.Replace(from, to, StringComparison.Ordinal));
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
