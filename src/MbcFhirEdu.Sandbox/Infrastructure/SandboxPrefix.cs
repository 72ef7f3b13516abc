namespace MbcFhirEdu.Sandbox.Infrastructure;

/// <summary>Endpoint metadata: the path prefix the sandbox was mapped under (e.g. <c>/sandbox</c>).</summary>
internal sealed record SandboxPrefix(string Value);
