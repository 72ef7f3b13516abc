using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Infrastructure;

/// <summary>Absolute URLs of the app's own pages: <c>Web:PublicBaseUrl</c> when set, else the request's scheme and host.</summary>
internal static class PublicUrls
{
    /// <summary>The origin without a trailing slash, e.g. <c>https://edu.example.org</c>.</summary>
    public static string Base(HttpContext context)
    {
        var configured = context.RequestServices.GetRequiredService<IOptions<WebOptions>>().Value.PublicBaseUrl;
        if (configured is { Length: > 0 }) return configured.TrimEnd('/');
        return $"{context.Request.Scheme}://{context.Request.Host.Value}";
    }

    /// <summary>The public page of a material: <c>/materials/{lang}/{id}</c>.</summary>
    public static string Material(string baseUrl, string language, string id) =>
        $"{baseUrl}/materials/{Uri.EscapeDataString(language)}/{Uri.EscapeDataString(id)}";
}
