using System.Text;
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

    /// <param name="services">The request's services (components may need scoped ones).</param>
    public async Task<byte[]> RenderAsync<T>(IServiceProvider services, IDictionary<string, object?> parameters) where T : IComponent
    {
        await using var renderer = new HtmlRenderer(services, loggerFactory);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var root = await renderer.RenderComponentAsync<T>(ParameterView.FromDictionary(parameters));
            var builder = new StringBuilder(128 * 1024);
            await using (var writer = new StringWriter(builder)) root.WriteHtmlTo(writer);
            return Encoding.UTF8.GetBytes(builder.ToString());
        });
    }
}
