using MbcFhirEdu.Core.Materials;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Web.Components;
using MbcFhirEdu.Web.Features.Deliveries;
using MbcFhirEdu.Web.Features.Launch;
using MbcFhirEdu.Web.Features.Materials;
using MbcFhirEdu.Web.Infrastructure;
using System.Globalization;
using System.Text;

namespace MbcFhirEdu.Web.Features.Patient;

/// <summary>
/// The launched app: <c>/app</c> (recommendations), <c>/app/print</c>, <c>/app/materials/{id}</c> and
/// <c>/app/theme.css</c> (the EHR's smart_style_url as validated CSS variables), each under the launch's own address
/// <c>/app/l/{ctx}</c> too. Every route needs the session cookie, and refuses a patient named in the query string:
/// the patient comes from the token response only.
/// </summary>
internal static class PatientEndpoints
{
    private static readonly string[] PatientParameters = ["patient", "patientId", "patient_id", "subject"];
    // A list page of 30-odd materials is about 170 KB: one rented buffer of the next size up holds it without growing.
    private const int PageSizeHint = 256 * 1024;

    public static IServiceCollection AddPatientPage(this IServiceCollection services)
    {
        services.AddTransient<PatientPageService>();
        services.AddTransient<RecordRecommender>();
        services.AddTransient<CareTeamDeliveries>();
        services.AddSingleton<PatientPageCache>();
        services.AddSingleton<CareTeamSectionCache>();
        services.AddSingleton<IDeliveryStateListener>(sp => sp.GetRequiredService<CareTeamSectionCache>());
        services.AddSingleton<PageHtml>();
        services.AddSmartStyleSheet();
        return services;
    }

    public static IEndpointRouteBuilder MapPatientPage(this IEndpointRouteBuilder app)
    {
        // Each launch's own address (/app/l/{ctx}, see LaunchContext), and the bare one for old bookmarks and the EHR's
        // Communication links: the browser's newest launch, whose context id every link of the page then carries.
        MapPages(app.MapGroup("/app").AddEndpointFilter(RequireSessionAsync));
        MapPages(app.MapGroup(LaunchContext.AppPrefix + "{" + LaunchContext.RouteParameter + "}").AddEndpointFilter(RequireSessionAsync));
        return app;
    }

    private static void MapPages(RouteGroupBuilder group)
    {
        group.MapGet("", (HttpContext c, string? lang, PatientPageService s, PatientPageCache cache, PageHtml html, CancellationToken ct) =>
            PageAsync(c, lang, print: false, s, cache, html, ct));
        group.MapGet("/print", (HttpContext c, string? lang, PatientPageService s, PatientPageCache cache, PageHtml html, CancellationToken ct) =>
            PageAsync(c, lang, print: true, s, cache, html, ct));
        group.MapGet("/materials/{id}", Material);
        group.MapGet("/theme.css", ThemeAsync);
    }

    private static async Task<IResult> PageAsync(HttpContext context, string? lang, bool print, PatientPageService service,
        PatientPageCache cache, PageHtml pageHtml, CancellationToken cancellationToken)
    {
        var cookie = Session(context);
        var language = Language(lang);
        // A clinician's banner is left out only where the EHR shows its own: need_patient_banner=false and a framed page.
        var hideBanner = cookie.Session.IsPractitioner && !LaunchContext.ShowsClinicianBanner(cookie.Session, context.Request);
        var variant = PatientPageCache.Variant(language, print, hideBanner);
        if (cache.GetPage(cookie.Id, cookie.Session.PatientId!, variant) is { } cached)
        {
            context.Response.Headers["Server-Timing"] = "fhir;dur=0;desc=\"0 requests (cached)\"";
            return await WithCareTeamAsync(context, cookie, cached, cancellationToken);
        }

        var result = await service.BuildAsync(cookie, language, cancellationToken);
        if (result.Page is not { } page) return SessionEnded();
        if (hideBanner) page = page with { Banner = null };
        // Not PHI: counts and time, for the "FHIR requests per page load" figure and browser dev tools.
        context.Response.Headers["Server-Timing"] = page.FromCache
            ? "fhir;dur=0;desc=\"0 requests (cached)\""
            : string.Create(CultureInfo.InvariantCulture,
                $"fhir;dur={page.FhirElapsed.TotalMilliseconds:0.#};desc=\"{page.FhirRequests} requests, critical path {page.CriticalPathRequests}\"");
        var parameters = new Dictionary<string, object?> { ["Model"] = page, ["Print"] = print };
        // Written as UTF-8 into a pooled buffer that goes back to the pool once the response is sent.
        var html = await pageHtml.RenderPooledAsync<PatientPage>(context.RequestServices, parameters, PageSizeHint);
        context.Response.RegisterForDispose(html);
        // The load's audit row is committed before anything that used the record is sent.
        await result.Audited;
        // The cached page keeps the care-team placeholder; the deliveries are read and put in on every request.
        if (page.CacheableUntil is { } until) cache.SetPage(cookie.Id, cookie.Session.PatientId!, variant, html.ToArray(), until);
        return await WithCareTeamAsync(context, cookie, html.Utf8, cancellationToken);
    }

    /// <summary>
    /// Puts "From your care team" (for the session's own patient; see <see cref="CareTeamSectionCache"/> for how fresh)
    /// in place of the page's placeholder.
    /// </summary>
    private static async Task<IResult> WithCareTeamAsync(HttpContext context, SessionCookie cookie, ReadOnlyMemory<byte> page, CancellationToken cancellationToken)
    {
        var (at, lang) = FindMarker(page.Span);
        // Clinician and print views have no care-team section.
        if (at < 0 || cookie.Session.PatientId is not { } patient) return TypedResults.Bytes(page, PageHtml.ContentType);
        var markerLength = MarkerBytes(lang).Length;
        var services = context.RequestServices;
        var section = await services.GetRequiredService<CareTeamSectionCache>().GetOrRenderAsync(cookie.Session.Issuer.AbsoluteUri, patient, lang,
            async () =>
            {
                var items = await services.GetRequiredService<CareTeamDeliveries>().ListAsync(cookie.Session, cancellationToken);
                return await services.GetRequiredService<PageHtml>().RenderAsync<CareTeamSection>(services, new Dictionary<string, object?>
                {
                    ["Items"] = items,
                    ["Text"] = UiText.For(lang),
                });
            });
        // Written as three slices of the cached arrays: no new ~100 KB array (a large-object-heap allocation) per view.
        return new SplicedHtml(page, at, markerLength, InContext(section, cookie.AppPath));
    }

    /// <summary>The page with <see cref="Section"/> in place of the <c>[At, At + Cut)</c> placeholder.</summary>
    private sealed record SplicedHtml(ReadOnlyMemory<byte> Page, int At, int Cut, byte[] Section) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.ContentType = PageHtml.ContentType;
            response.ContentLength = Page.Length - Cut + Section.Length;
            var body = response.BodyWriter;
            await body.WriteAsync(Page[..At], httpContext.RequestAborted);
            await body.WriteAsync(Section, httpContext.RequestAborted);
            await body.WriteAsync(Page[(At + Cut)..], httpContext.RequestAborted);
        }
    }

    private static readonly byte[] BareMaterialLink = Encoding.UTF8.GetBytes("href=\"/app/materials/");

    /// <summary>
    /// The care-team section is shared by every session of the patient, so its links name no launch; here they get this
    /// tab's. Only the template writes <c>href="</c> (a note's quotes are encoded), so nothing else is touched.
    /// </summary>
    private static byte[] InContext(byte[] section, string appPath)
    {
        var span = section.AsSpan();
        if (span.IndexOf(BareMaterialLink) < 0) return section;
        var inContext = Encoding.UTF8.GetBytes("href=\"" + appPath + "/materials/");
        using var output = new MemoryStream(section.Length + 256);
        int at;
        while ((at = span.IndexOf(BareMaterialLink)) >= 0)
        {
            output.Write(span[..at]);
            output.Write(inContext);
            span = span[(at + BareMaterialLink.Length)..];
        }
        output.Write(span);
        return output.ToArray();
    }

    private static readonly byte[] EnglishMarker = Encoding.UTF8.GetBytes(CareTeamSection.MarkerFor(MaterialCatalog.English));
    private static readonly byte[] SpanishMarker = Encoding.UTF8.GetBytes(CareTeamSection.MarkerFor(MaterialCatalog.Spanish));

    private static byte[] MarkerBytes(string language) => language == MaterialCatalog.Spanish ? SpanishMarker : EnglishMarker;

    private static (int At, string Language) FindMarker(ReadOnlySpan<byte> page)
    {
        foreach (var language in (string[])[MaterialCatalog.English, MaterialCatalog.Spanish])
        {
            var at = page.IndexOf(MarkerBytes(language));
            if (at >= 0) return (at, language);
        }
        return (-1, MaterialCatalog.English);
    }

    private static async Task<IResult> Material(HttpContext context, string id, string? lang, string? delivery, MaterialLibrary library,
        CareTeamDeliveries careTeam, PatientPageService pages, CancellationToken cancellationToken)
    {
        var language = Language(lang) ?? MaterialCatalog.English;
        if (!MaterialLibrary.IsValidId(id) || library.Catalog.FindWithFallback(id, language) is not { } material)
            return Pages.Message(404, "Material not found", "There is no material at this address.", nextStep: "Go back to your list of materials.");
        // Opened from "From your care team" or the EHR's Communication: record the view, only if the delivery is this patient's.
        if (delivery is not null && Guid.TryParse(delivery, out var deliveryId))
            await careTeam.RecordViewAsync(deliveryId, id, Session(context).Session, cancellationToken);
        var text = UiText.For(language);
        return Pages.Render<MaterialPage>(new Dictionary<string, object?>
        {
            ["Material"] = material,
            ["Html"] = library.Html(material, RenderMode.Screen, 0),
            ["Text"] = text,
            ["BackUrl"] = Session(context).AppPath + "?lang=" + language,
            ["BackText"] = text.BackToList,
            ["ThemeUrl"] = Session(context).Session.SmartStyleUrl is null ? null : Session(context).ThemePath,
            ["Banner"] = LaunchContext.ShowsClinicianBanner(Session(context).Session, context.Request)
                ? await pages.BannerAsync(Session(context), cancellationToken) : null,
        });
    }

    private static async Task<IResult> ThemeAsync(HttpContext context, SmartStyleSheet styles, CancellationToken cancellationToken)
    {
        var css = await styles.CssForAsync(Session(context).Session.SmartStyleUrl, cancellationToken);
        context.Response.Headers.CacheControl = "private, max-age=600";
        return TypedResults.Text(css, "text/css; charset=utf-8");
    }

    private static async ValueTask<object?> RequireSessionAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        context.Response.Headers.CacheControl = "no-store";
        if (context.Request.Query.Keys.Any(k => PatientParameters.Contains(k, StringComparer.OrdinalIgnoreCase)))
        {
            WebLog.PatientInQuery(context.RequestServices.GetRequiredService<ILogger<PatientPageService>>());
            return Pages.Message(400, "This address is not allowed",
                "The app shows only the record of the person who signed in; a patient cannot be chosen in the address.");
        }
        var sessions = context.RequestServices.GetRequiredService<ITokenSessionStore>();
        var cookie = await SessionCookie.FindAsync(context, sessions, context.RequestAborted);
        if (cookie is null)
        {
            // A material link from the EHR's Communication opened outside the app: the material is public, show that copy.
            if (PublicCopy(context.Request) is { } copy) return Results.Redirect(copy);
            return SessionEnded();
        }
        if (string.IsNullOrEmpty(cookie.Session.PatientId))
            return Pages.Message(400, "No patient was chosen", "The health record did not say whose record to show.");
        context.Items[typeof(SessionCookie)] = cookie;
        return await next(invocation);
    }

    private static string? PublicCopy(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        const string prefix = "/app/materials/";
        // Only the link a Communication carries (it names a delivery); other app addresses still need the session.
        if (!path.StartsWith(prefix, StringComparison.Ordinal) || !request.Query.ContainsKey("delivery")) return null;
        var id = path[prefix.Length..];
        var lang = Language(request.Query["lang"].ToString()) ?? MaterialCatalog.English;
        return MaterialLibrary.IsValidId(id) ? $"/materials/{lang}/{id}" : null;
    }

    private static SessionCookie Session(HttpContext context) => (SessionCookie)context.Items[typeof(SessionCookie)]!;

    private static string? Language(string? lang) => MaterialLibrary.IsLanguage(lang) ? lang : null;

    private static IResult SessionEnded() => Pages.Message(401, "Please open the app again",
        "Your session has ended or was not started here.", nextStep: "Open this app again from your health record or patient portal.");
}
