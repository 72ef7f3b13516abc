using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace MbcFhirEdu.Web.Features.CdsHooks;

/// <summary>CDS Hooks 2.0 §"CDS Service Response": <c>{"cards": [...]}</c>.</summary>
internal sealed record CdsResponse(IReadOnlyList<CdsCard> Cards)
{
    // Relaxed escaping is safe here: the JSON is served as application/json, never embedded in HTML.
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // The response types from generated metadata; anything else (discovery, the Infobutton feed) by reflection.
        TypeInfoResolver = JsonTypeInfoResolver.Combine(CdsJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };
}

/// <summary>§"Card Attributes": summary (under 140 characters), detail (GitHub Markdown), indicator, source, links.</summary>
internal sealed record CdsCard
{
    public required string Uuid { get; init; }
    public required string Summary { get; init; }
    public string? Detail { get; init; }
    /// <summary>info | warning | critical.</summary>
    public required string Indicator { get; init; }
    public required CdsSource Source { get; init; }
    public IReadOnlyList<CdsLink>? Links { get; init; }
}

/// <summary>§"Source": the label shown with the card and a page about it.</summary>
internal sealed record CdsSource(string Label, string? Url = null);

/// <summary>§"Link": <c>absolute</c> (opened in a browser) or <c>smart</c> (a SMART app launch URL, with optional appContext).</summary>
internal sealed record CdsLink(string Label, string Url, string Type, string? AppContext = null);
