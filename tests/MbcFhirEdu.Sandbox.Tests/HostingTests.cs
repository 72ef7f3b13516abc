using System.Text.Json;
using MbcFhirEdu.Sandbox.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Sandbox.Tests;

/// <summary>How the sandbox starts: validated options, a shareable signing key.</summary>
public sealed class HostingTests
{
    [Theory]
    [InlineData("Sandbox:Clients:3:ClientId", "", "Sandbox:Clients:3:ClientId is required")]
    [InlineData("Sandbox:Clients:3:Type", "ConfidentialSymmetric", "Sandbox:Clients:3:ClientSecret")]
    [InlineData("Sandbox:Clients:3:RedirectUris:0", "https://app.example.test:*/callback", "not an absolute http(s) URL")]
    [InlineData("Sandbox:AccessTokenLifetimeSeconds", "5", "AccessTokenLifetimeSeconds")]
    public void InvalidConfiguration_StopsStartWithTheKeyNamed(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sandbox:Clients:3:ClientId"] = "bad-client",
            ["Sandbox:Clients:3:RedirectUris:0"] = "https://app.example.test/callback",
            ["Sandbox:Clients:3:Scopes:0"] = "patient/*.rs",
            [key] = value,
        };
        using var factory = SandboxFactory.With(settings);

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task TwoProcessesGivenTheSameKeyFile_PublishTheSameKey()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sandbox-key-{Guid.NewGuid():N}.pem");
        try
        {
            var settings = new Dictionary<string, string?> { ["Sandbox:SigningKeyFile"] = path };
            await using var first = SandboxFactory.With(settings);
            await using var second = SandboxFactory.With(settings);

            var firstKid = await KeyIdAsync(first);
            var secondKid = await KeyIdAsync(second);

            Assert.True(File.Exists(path));
            Assert.Equal(firstKid, secondKid);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<string?> KeyIdAsync(SandboxFactory factory)
    {
        using var jwks = JsonDocument.Parse(await factory.CreateSandboxClient().GetStringAsync("/sandbox/auth/jwks"));
        return jwks.RootElement.GetProperty("keys")[0].GetProperty("kid").GetString();
    }
}
