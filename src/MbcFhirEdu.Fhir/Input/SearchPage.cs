using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Reading;

namespace MbcFhirEdu.Fhir.Input;

/// <summary>
/// What one Bundle says about its own completeness (CODES.md rule 20): a searchset with a <c>next</c> link, or whose
/// <c>total</c> disagrees with its match entries, is only part of the search result, and the reader says so.
/// </summary>
internal sealed class SearchPage
{
    public string? Type { get; set; }
    public int? Total { get; set; }
    public bool HasNext { get; set; }
    /// <summary>Entries with search.mode match, or without a search.mode.</summary>
    public int Matches { get; set; }

    /// <summary>Warns (on the Bundle) when a searchset is incomplete.</summary>
    public void Check(ReadContext bundle)
    {
        if (Type?.Trim() != "searchset") return;
        if (HasNext)
        {
            bundle.Warn($"{ReadMarkers.LongerSearch}: the searchset has a next link that was not followed; only its {Matches} matching entries " +
                "were read, so the record may be incomplete");
        }
        if (Total is { } total && total != Matches)
        {
            bundle.Warn($"the searchset total is {total} but it holds {Matches} matching entries ({ReadMarkers.LongerSearch}?); " +
                "the record may be incomplete");
        }
    }
}
