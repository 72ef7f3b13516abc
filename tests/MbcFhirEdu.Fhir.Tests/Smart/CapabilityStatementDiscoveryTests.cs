using System.Text.Json;
using MbcFhirEdu.Fhir.Smart;

namespace MbcFhirEdu.Fhir.Tests.Smart;

/// <summary>The pre-2.0 discovery from a CapabilityStatement (SMART App Launch 2.2 §6.2), read with Firely's POCO.</summary>
public sealed class CapabilityStatementDiscoveryTests
{
    private static readonly Uri Issuer = new("https://ehr.example.org/fhir");

    private static SmartConfiguration? Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return SmartConfigurationReader.ReadCapabilityStatement(document.RootElement, Issuer);
    }

    private static string Statement(string rest) => $$"""
        {"resourceType":"CapabilityStatement","status":"active","date":"2026-13-45","kind":"instance","fhirVersion":"4.0.1",
         "format":["json"],"vendorExtra":{"a":1},"rest":[{{rest}}]}
        """;

    private const string OAuth = """
        "security":{"extension":[
          {"url":"http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris","extension":[
            {"url":"authorize","valueUri":"https://ehr.example.org/auth/authorize"},
            {"url":"token","valueUrl":"https://ehr.example.org/auth/token"}]},
          {"url":"http://fhir-registry.smarthealthit.org/StructureDefinition/capabilities","valueCode":"launch-ehr"},
          {"url":"http://fhir-registry.smarthealthit.org/StructureDefinition/capabilities","valueCode":"client-public"}]}
        """;

    [Fact]
    public void ServerRest_WithOAuthUris_GivesBothEndpointsAndTheCapabilities_DespiteAnInvalidDateAndUnknownElements()
    {
        var configuration = Read(Statement($$"""{"mode":"server",{{OAuth}}}"""));
        Assert.NotNull(configuration);
        Assert.Equal(new Uri("https://ehr.example.org/auth/authorize"), configuration.AuthorizationEndpoint);
        Assert.Equal(new Uri("https://ehr.example.org/auth/token"), configuration.TokenEndpoint);
        Assert.Equal(["client-public", "launch-ehr"], configuration.Capabilities.Order(StringComparer.Ordinal));
        Assert.Equal(SmartConfigurationSource.CapabilityStatement, configuration.Source);
    }

    [Fact]
    public void ClientModeRest_IsPassedOver_ForTheServerOne()
    {
        const string Client = """
            {"mode":"client","security":{"extension":[{"url":"http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris","extension":[
              {"url":"authorize","valueUri":"https://client.example.org/a"},{"url":"token","valueUri":"https://client.example.org/t"}]}]}}
            """;
        var configuration = Read(Statement(Client + $$""",{"mode":"server",{{OAuth}}}"""));
        Assert.Equal(new Uri("https://ehr.example.org/auth/token"), configuration?.TokenEndpoint);
    }

    [Theory]
    [InlineData("""{"resourceType":"Patient","id":"p1"}""")]
    [InlineData("""{"resourceType":"CapabilityStatement","status":"active","rest":[{"mode":"server","security":{"service":[{"text":"OAuth"}]}}]}""")]
    [InlineData("""{"resourceType":"CapabilityStatement","status":"active","rest":[{"mode":"server","security":{"extension":[{"url":"http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris","extension":[{"url":"authorize","valueUri":"not a url"},{"url":"token","valueUri":"https://ehr.example.org/t"}]}]}}]}""")]
    public void StatementWithoutUsableEndpoints_GivesNothing(string json) => Assert.Null(Read(json));
}
