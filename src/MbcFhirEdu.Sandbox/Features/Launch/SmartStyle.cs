using MbcFhirEdu.Sandbox.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MbcFhirEdu.Sandbox.Features.Launch;

/// <summary><c>{prefix}/smart-style.json</c>: SMART App Launch 2.2 §"Styling" (<c>smart_style_url</c>).</summary>
internal static class SmartStyle
{
    public static JsonHttpResult<Dictionary<string, string>> Get(HttpContext context)
    {
        context.Response.Headers.AccessControlAllowOrigin = "*";
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Json(new Dictionary<string, string>
        {
            ["color_background"] = "#f7f7f9",
            ["color_error"] = "#a4001d",
            ["color_highlight"] = "#e07a00",
            ["color_modal_backdrop"] = "#1b1b1bcc",
            ["color_success"] = "#1e6b35",
            ["color_text"] = "#1b1b1b",
            ["dim_border_radius"] = "6px",
            ["dim_font_size"] = "16px",
            ["dim_spacing_size"] = "16px",
            ["font_family_body"] = "\"Source Sans 3\", system-ui, -apple-system, \"Segoe UI\", sans-serif",
            ["font_family_heading"] = "\"Source Serif 4\", Georgia, serif",
        }, SandboxJson.Options);
    }
}
