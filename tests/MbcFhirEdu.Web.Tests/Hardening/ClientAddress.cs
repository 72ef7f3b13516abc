using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace MbcFhirEdu.Web.Tests.Hardening;

/// <summary>
/// Test only: sets the connection's remote address from <see cref="Header"/> before the app's pipeline, standing in
/// for two browsers or EHRs at different addresses (the test server has no real connections).
/// </summary>
public sealed class ClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Remote-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var address)) context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
            return nextMiddleware(context);
        });
        next(app);
    };
}
