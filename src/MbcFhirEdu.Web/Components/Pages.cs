using Microsoft.AspNetCore.Http.HttpResults;

namespace MbcFhirEdu.Web.Components;

/// <summary>Server-side rendering of the page components (Razor components, HTML-encoded by default).</summary>
internal static class Pages
{
    public static RazorComponentResult<T> Render<T>(object parameters, int statusCode = StatusCodes.Status200OK) where T : Microsoft.AspNetCore.Components.IComponent =>
        new(parameters) { StatusCode = statusCode };

    public static RazorComponentResult<MessagePage> Message(int statusCode, string heading, string message, string? detail = null, string? nextStep = null)
    {
        var parameters = new Dictionary<string, object?> { ["Heading"] = heading, ["Message"] = message, ["Detail"] = detail };
        if (nextStep is not null) parameters["NextStep"] = nextStep;
        return new RazorComponentResult<MessagePage>(parameters) { StatusCode = statusCode };
    }
}
