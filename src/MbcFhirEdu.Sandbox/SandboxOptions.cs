using System.ComponentModel.DataAnnotations;

namespace MbcFhirEdu.Sandbox;

/// <summary>Settings of the sandbox EHR, bound from the <c>Sandbox</c> configuration section.</summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";

    /// <summary>Registered SMART clients. The public development client <c>mbcedu-dev</c> is added when not listed.</summary>
    public List<SandboxClientOptions> Clients { get; set; } = [];

    /// <summary>PEM file holding the RSA signing key; created when missing so several processes can share one key.
    /// Empty: a new key is generated at start.</summary>
    public string? SigningKeyFile { get; set; }

    [Range(30, 86_400)]
    public int AccessTokenLifetimeSeconds { get; set; } = 3600;

    [Range(5, 600)]
    public int AuthorizationCodeLifetimeSeconds { get; set; } = 60;

    /// <summary>Lifetime of a refresh token family granted with <c>offline_access</c>.</summary>
    [Range(60, 7_776_000)]
    public int OfflineRefreshLifetimeSeconds { get; set; } = 2_592_000;

    /// <summary>Lifetime of a refresh token family granted with <c>online_access</c>.</summary>
    [Range(60, 86_400)]
    public int OnlineRefreshLifetimeSeconds { get; set; } = 28_800;

    [Range(60, 86_400)]
    public int LaunchLifetimeSeconds { get; set; } = 3600;

    [Range(1, 1000)]
    public int DefaultPageSize { get; set; } = 50;

    [Range(1, 1000)]
    public int MaxPageSize { get; set; } = 200;

    /// <summary>Where the sandbox's own pages send a launch when no <c>app</c> is given.</summary>
    [Required, Url]
    public string DefaultAppLaunchUrl { get; set; } = "http://localhost:5080/launch";

    /// <summary>Maps <c>{prefix}/_sandbox/faults</c>. Tests can always use <see cref="SandboxFaults"/> through DI.</summary>
    public bool EnableFaultInjection { get; set; }
}
