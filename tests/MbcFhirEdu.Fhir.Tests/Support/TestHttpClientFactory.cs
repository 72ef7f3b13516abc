namespace MbcFhirEdu.Fhir.Tests.Support;

/// <summary>Hands out HttpClients over one test handler (the real factory would build the same chain).</summary>
public sealed class TestHttpClientFactory(HttpMessageHandler handler) : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
}
