namespace MbcFhirEdu.Web.Infrastructure;

/// <summary>
/// Absolute URLs of the app's own pages, always under <see cref="AppBaseUrl"/> (<c>Web:PublicBaseUrl</c>, or in
/// Development the listening address). Never the request's Host header or scheme: a forged Host would otherwise end up
/// in cacheable links and in the CDS audience.
/// </summary>
internal static class PublicUrls
{
    /// <summary>The origin without a trailing slash, e.g. <c>https://edu.example.org</c>.</summary>
    public static string Base(HttpContext context) =>
        context.RequestServices.GetRequiredService<AppBaseUrl>().Value
        // Start-up refuses to run without one (WebOptionsValidator), so this is a wiring error, not user input.
        ?? throw new InvalidOperationException($"{AppBaseUrl.Key} is not set.");

    /// <summary>The public page of a material: <c>/materials/{lang}/{id}</c>.</summary>
    public static string Material(string baseUrl, string language, string id) =>
        $"{baseUrl}/materials/{Uri.EscapeDataString(language)}/{Uri.EscapeDataString(id)}";
}
