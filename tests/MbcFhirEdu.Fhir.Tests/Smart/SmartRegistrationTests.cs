using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Fhir.Smart;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Fhir.Tests.Smart;

public sealed class SmartRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddSmartOnFhir(configuration).BuildServiceProvider();
    }

    private static Dictionary<string, string?> Valid() => new()
    {
        ["Smart:ClientId"] = "mbc-edu",
        ["Smart:RedirectUri"] = "http://localhost:5080/callback",
        ["Smart:AllowedIssuers:0"] = "http://localhost:5080/sandbox/fhir",
    };

    [Fact]
    public void AddSmartOnFhir_ResolvesTheWholeClient()
    {
        using var provider = Build(Valid());
        Assert.NotNull(provider.GetRequiredService<SmartAuthorizer>());
        Assert.NotNull(provider.GetRequiredService<PatientRecordLoader>());
        Assert.Same(provider.GetRequiredService<SmartTokenProvider>(), provider.GetRequiredService<IAccessTokenSource>());
        Assert.Equal(TimeSpan.FromSeconds(10), provider.GetRequiredService<IOptions<SmartClientOptions>>().Value.PageLoadDeadline);
    }

    [Theory]
    [InlineData("Smart:AllowedIssuers:0", "http://ehr.example.org/fhir", "Smart:AllowedIssuers")]
    [InlineData("Smart:ClientId", "", "ClientId")]
    [InlineData("Smart:SigningAlgorithm", "HS256", "Smart:SigningAlgorithm")]
    [InlineData("Smart:PrivateKey", "/no/such/key.pem", "Smart:PrivateKey")]
    public void AddSmartOnFhir_BadSetting_FailsNamingTheKey(string key, string value, string named)
    {
        var settings = Valid();
        settings[key] = value;
        settings["Smart:KeyId"] = "k1";
        using var provider = Build(settings);
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SmartClientOptions>>().Value);
        Assert.Contains(named, error.Message);
    }
}
