using System.Net;
using System.Text;
using MbcFhirEdu.Web.Features.CdsHooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace MbcFhirEdu.Web.Tests.Infrastructure;

/// <summary>
/// The app with CDS client authentication on: one registered client (<see cref="CdsClientKey.Issuer"/>) whose keys are
/// configured inline, plus an allow-listed <c>jku</c> served by <see cref="JkuKey"/>'s key set. Browser CORS is allowed
/// for <see cref="AllowedOrigin"/>.
/// </summary>
public sealed class CdsAppFactory : IDisposable
{
    public const string AllowedOrigin = "https://cds-sandbox.test";

    public CdsAppFactory()
    {
        App = WebAppFactory.With(new Dictionary<string, string?>
        {
            ["CdsHooks:RequireAuthentication"] = "true",
            ["CdsHooks:Deadline"] = "00:00:05",
            ["CdsHooks:Clients:0:Issuer"] = CdsClientKey.Issuer,
            ["CdsHooks:Clients:0:Jwks"] = Key.JwksJson,
            ["CdsHooks:Clients:0:AllowedJku:0"] = CdsClientKey.AllowedJku,
            ["CdsHooks:AllowedOrigins:0"] = AllowedOrigin,
        }, services => services.PostConfigure<HttpClientFactoryOptions>(CdsJwksSource.HttpClientName, options =>
            options.HttpMessageHandlerBuilderActions.Add(handlers => handlers.PrimaryHandler = new JwksHandler(this))));
    }

    public CdsClientKey Key { get; } = new("inline-key");

    /// <summary>The key whose set is published at <see cref="CdsClientKey.AllowedJku"/> (not configured inline).</summary>
    public CdsClientKey JkuKey { get; } = new("jku-key");

    public WebAppFactory App { get; }

    /// <summary>Key-set URLs the app fetched.</summary>
    public List<Uri> JwksFetches { get; } = [];

    public void Dispose()
    {
        App.Dispose();
        Key.Dispose();
        JkuKey.Dispose();
    }

    /// <summary>Serves the jku key set in process (the URL is not a real host); anything else is 404.</summary>
    private sealed class JwksHandler(CdsAppFactory owner) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (owner.JwksFetches) owner.JwksFetches.Add(request.RequestUri!);
            var response = request.RequestUri!.AbsoluteUri == CdsClientKey.AllowedJku
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(owner.JkuKey.JwksJson, Encoding.UTF8, "application/json") }
                : new HttpResponseMessage(HttpStatusCode.NotFound);
            return Task.FromResult(response);
        }
    }
}
