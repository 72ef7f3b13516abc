using MbcFhirEdu.Core.Materials;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MbcFhirEdu.Web.Components;
using MbcFhirEdu.Web.Infrastructure.Observability;

namespace MbcFhirEdu.Web.Features.Materials;

/// <summary>Public material pages, no login and no patient data: <c>/materials/{lang}</c> and <c>/materials/{lang}/{id}</c>.</summary>
internal static class MaterialsEndpoints
{
    public static IServiceCollection AddMaterials(this IServiceCollection services)
    {
        services.AddOptions<ContentOptions>().BindConfiguration(ContentOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ContentOptions>, ContentOptionsValidator>());
        services.AddSingleton<MaterialLibrary>();
        services.AddHealthChecks().AddCheck<ContentLibraryHealthCheck>("content-library", tags: [HealthTags.Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapMaterials(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/materials");
        group.MapGet("/{lang}", Index);
        group.MapGet("/{lang}/{id}", Show);
        return app;
    }

    private static IResult Index(string lang, MaterialLibrary library)
    {
        if (!MaterialLibrary.IsLanguage(lang)) return NotFound();
        var items = library.Catalog.Ids
            .Select(id => library.Catalog.FindWithFallback(id, lang)!)
            .OrderBy(m => m.Title, StringComparer.Create(System.Globalization.CultureInfo.InvariantCulture, true))
            .ToList();
        return Pages.Render<MaterialIndexPage>(new Dictionary<string, object?> { ["Materials"] = items, ["Text"] = UiText.For(lang) });
    }

    private static IResult Show(string lang, string id, MaterialLibrary library)
    {
        if (!MaterialLibrary.IsLanguage(lang) || !MaterialLibrary.IsValidId(id) || library.Catalog.FindWithFallback(id, lang) is not { } material)
            return NotFound();
        return Pages.Render<MaterialPage>(new Dictionary<string, object?>
        {
            ["Material"] = material,
            ["Html"] = library.Html(material, RenderMode.Screen, 0),
            ["Text"] = UiText.For(lang),
            ["BackUrl"] = $"/materials/{lang}",
            ["BackText"] = lang == MaterialCatalog.Spanish ? "Todos los materiales" : "All materials",
        });
    }

    private static IResult NotFound() => Pages.Message(404, "Material not found", "There is no material at this address.", nextStep: "See the list of materials at /materials/en.");
}
