using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MbcFhirEdu.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A stand-in patient portal on its own loopback origin (http://localhost:PORT; the app runs on 127.0.0.1, another
/// site): every path answers one page holding <paramref name="appUrl"/> in an iframe. A real server rather than a
/// Playwright route, so the browser treats it as any other site.
/// </summary>
public sealed class PortalServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly byte[] _page;

    public PortalServer(Uri appUrl, int? port = null)
    {
        Origin = $"http://localhost:{port ?? FreePort()}";
        _page = Encoding.UTF8.GetBytes(
            "<!doctype html><html lang=\"en\"><title>Portal</title><h1>My health portal</h1>" +
            $"<iframe id=\"app\" title=\"Education materials\" width=\"1000\" height=\"800\" src=\"{WebUtility.HtmlEncode(appUrl.AbsoluteUri)}\"></iframe></html>");
        _listener.Prefixes.Add(Origin + "/");
        _listener.Start();
        _ = ServeAsync();
    }

    public string Origin { get; }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try { return ((IPEndPoint)listener.LocalEndpoint).Port; }
        finally { listener.Stop(); }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.ContentLength64 = _page.Length;
            await context.Response.OutputStream.WriteAsync(_page);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }
}
