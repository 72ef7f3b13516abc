using System.Net;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace MbcFhirEdu.Web.Tests.Security;

/// <summary>
/// Issue 15 item 3: X-Forwarded-For/-Proto are believed only from the proxies in <c>Web:KnownProxies</c> /
/// <c>Web:KnownNetworks</c>; from any other address the request keeps its own client address and scheme.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private static readonly IPAddress Client = IPAddress.Parse("198.51.100.7");

    [Theory]
    [InlineData("Web:KnownProxies:0", "10.0.0.5", "10.0.0.5")]
    [InlineData("Web:KnownNetworks:0", "10.0.0.0/24", "10.0.0.77")]
    public async Task ForwardedHeaders_AreAppliedFromAListedProxy_AndIgnoredFromAnyOtherAddress(string key, string value, string proxy)
    {
        await using var app = WebAppFactory.With(new Dictionary<string, string?> { [key] = value });
        var stranger = IPAddress.Parse("203.0.113.9");

        var viaProxy = await SendFromAsync(app, IPAddress.Parse(proxy));
        var direct = await SendFromAsync(app, stranger);

        Assert.Equal(Client, viaProxy.Connection.RemoteIpAddress);
        Assert.Equal("https", viaProxy.Request.Scheme);
        Assert.Equal(stranger, direct.Connection.RemoteIpAddress);
        Assert.Equal("http", direct.Request.Scheme);
    }

    [Fact]
    public async Task WithNoProxyConfigured_EvenTheFrameworksSwitchTrustsNobody()
    {
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED would otherwise believe any sender.
        await using var app = WebAppFactory.With(new Dictionary<string, string?> { ["FORWARDEDHEADERS_ENABLED"] = "true" });
        var stranger = IPAddress.Parse("203.0.113.9");

        var context = await SendFromAsync(app, stranger);

        Assert.Equal(stranger, context.Connection.RemoteIpAddress);
        Assert.Equal("http", context.Request.Scheme);
    }

    /// <summary>A GET of /health/live arriving from <paramref name="sender"/> with forwarded headers naming <see cref="Client"/> and https.</summary>
    private static Task<HttpContext> SendFromAsync(WebAppFactory app, IPAddress sender) =>
        app.Server.SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = sender;
            context.Request.Method = HttpMethods.Get;
            context.Request.Path = "/health/live";
            context.Request.Headers["X-Forwarded-For"] = Client.ToString();
            context.Request.Headers["X-Forwarded-Proto"] = "https";
        });
}
