using Hl7.Fhir.Model;
using MbcFhirEdu.Core.Clinical;
using static MbcFhirEdu.Fhir.Mapping.MapContext;

namespace MbcFhirEdu.Fhir.Input;

/// <summary>
/// What one Bundle says about its own completeness (CODES.md rule 20): a searchset with a <c>next</c> link, or whose
/// <c>total</c> disagrees with its match entries, is only part of the search result, and the reader says so.
/// </summary>
internal static class SearchPage
{
    /// <summary>Warns (naming the Bundle) when a searchset is incomplete.</summary>
    public static void Check(Bundle bundle, IReadOnlyList<Bundle.EntryComponent> entries, List<string> warnings)
    {
        if (Text(bundle.TypeElement)?.Trim() != "searchset") return;
        var label = bundle.Id is { Length: > 0 } id ? "Bundle/" + id : "Bundle (no id)";
        // Entries without search.mode count as matches; include and outcome entries do not.
        var matches = entries.Count(e => Text(e.Search?.ModeElement)?.Trim() is null or "match");
        if (Many<Bundle.LinkComponent>(bundle, "link").Any(link => Text(link.RelationElement)?.Trim() == "next"))
        {
            warnings.Add($"{label}: {ReadMarkers.LongerSearch}: the searchset has a next link that was not followed; only its {matches} matching " +
                "entries were read, so the record may be incomplete");
        }
        if (Decimal(bundle.TotalElement) is { } total && total != matches)
        {
            warnings.Add($"{label}: the searchset total is {total} but it holds {matches} matching entries ({ReadMarkers.LongerSearch}?); " +
                "the record may be incomplete");
        }
    }
}
