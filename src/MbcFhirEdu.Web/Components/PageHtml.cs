using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace MbcFhirEdu.Web.Components;

/// <summary>
/// Renders a page component to UTF-8 HTML outside a response, so a rendered page can be kept and sent again
/// (the patient page cache). Same components and encoder as <see cref="Pages.Render{T}"/>; a fresh renderer per page,
/// because a renderer keeps every component it rendered until it is disposed.
/// </summary>
internal sealed class PageHtml(ILoggerFactory loggerFactory)
{
    public const string ContentType = "text/html; charset=utf-8";

    /// <summary>The HTML as a new array (for what is kept, e.g. a cached section).</summary>
    /// <param name="services">The request's services (components may need scoped ones).</param>
    public async Task<byte[]> RenderAsync<T>(IServiceProvider services, IDictionary<string, object?> parameters) where T : IComponent
    {
        using var html = await RenderPooledAsync<T>(services, parameters, 16 * 1024);
        return html.ToArray();
    }

    /// <summary>
    /// The HTML in a pooled buffer, written as UTF-8 while the renderer walks the components; the caller disposes it
    /// (e.g. <c>HttpResponse.RegisterForDispose</c> once it is sent).
    /// </summary>
    /// <param name="sizeHint">Bytes to start with (the buffer grows as needed).</param>
    public async Task<Utf8HtmlBuffer> RenderPooledAsync<T>(IServiceProvider services, IDictionary<string, object?> parameters, int sizeHint)
        where T : IComponent
    {
        await using var renderer = new HtmlRenderer(services, loggerFactory);
        var html = new Utf8HtmlBuffer(sizeHint);
        try
        {
            await renderer.Dispatcher.InvokeAsync(async () =>
            {
                var root = await renderer.RenderComponentAsync<T>(ParameterView.FromDictionary(parameters));
                root.WriteHtmlTo(html);
            });
            return html;
        }
        catch
        {
            html.Dispose();
            throw;
        }
    }
}
