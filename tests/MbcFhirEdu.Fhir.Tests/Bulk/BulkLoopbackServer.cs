using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MbcFhirEdu.Fhir.Tests.Bulk;

/// <summary>
/// A tiny Bulk Data server on 127.0.0.1 (a free port): SMART discovery and a token endpoint that hands out "tok-1",
/// "tok-2", … of <see cref="TokenLifetimeSeconds"/>; everything else goes to <see cref="Handle"/>, which each test sets.
/// Every request is recorded.
/// </summary>
public sealed class BulkLoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _tokens;

    private BulkLoopbackServer(WebApplication app, Uri origin)
    {
        _app = app;
        Origin = origin;
        Base = new Uri(origin, "/fhir");
    }

    /// <summary>http://127.0.0.1:port</summary>
    public Uri Origin { get; }

    /// <summary>The FHIR base, http://127.0.0.1:port/fhir (the client's only allowed issuer).</summary>
    public Uri Base { get; }

    public int TokenLifetimeSeconds { get; set; } = 3600;
    public int TokensIssued => Volatile.Read(ref _tokens);
    public ConcurrentQueue<string> TokenScopes { get; } = new();
    public ConcurrentQueue<SeenRequest> Requests { get; } = new();
    public Func<HttpContext, Task> Handle { get; set; } = context => { context.Response.StatusCode = 404; return Task.CompletedTask; };

    public sealed record SeenRequest(string Method, string Path, string Query, string? Authorization, string? Accept, string? Prefer);

    /// <summary>The requests seen for a path (without query).</summary>
    public List<SeenRequest> To(string path) => Requests.Where(r => r.Path == path).ToList();

    public Uri Url(string path) => new(Origin, path);

    public static async Task<BulkLoopbackServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        BulkLoopbackServer? server = null;
        app.Run(context => server!.DispatchAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server = new BulkLoopbackServer(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
        return server;
    }

    private async Task DispatchAsync(HttpContext context)
    {
        var r = context.Request;
        switch (r.Path.Value)
        {
            case "/fhir/.well-known/smart-configuration":
                await context.Response.WriteAsJsonAsync(new Dictionary<string, object>
                {
                    ["authorization_endpoint"] = Url("/auth/authorize").AbsoluteUri,
                    ["token_endpoint"] = Url("/auth/token").AbsoluteUri,
                    ["capabilities"] = new[] { "client-confidential-asymmetric" },
                });
                return;
            case "/auth/token":
                var form = await r.ReadFormAsync();
                TokenScopes.Enqueue(form["scope"].ToString());
                var n = Interlocked.Increment(ref _tokens);
                await context.Response.WriteAsJsonAsync(new Dictionary<string, object>
                {
                    ["access_token"] = $"tok-{n}", ["token_type"] = "bearer", ["expires_in"] = TokenLifetimeSeconds,
                });
                return;
        }
        Requests.Enqueue(new SeenRequest(r.Method, r.Path.Value ?? "", Uri.UnescapeDataString(r.QueryString.Value ?? ""),
            r.Headers.Authorization.FirstOrDefault(), r.Headers.Accept.FirstOrDefault(), r.Headers["Prefer"].FirstOrDefault()));
        await Handle(context);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
