using MbcFhirEdu.Core.Population;
using MbcFhirEdu.Data.Population;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Web.Features.Console;

namespace MbcFhirEdu.Web.Features.Worklist;

/// <summary>What <see cref="WorklistView"/> shows: one page of worklist entries, the reason filter and the paging.</summary>
public sealed record WorklistViewModel
{
    public required IReadOnlyList<WorklistRow> Rows { get; init; }
    public WorklistReason? Reason { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 25;
    public int Total { get; init; }
    public int Pages => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
    public required string AntiforgeryField { get; init; }
    public required string AntiforgeryToken { get; init; }
    public required ConsoleChrome Chrome { get; init; }
    /// <summary>The result of the close that redirected here, if any.</summary>
    public string? Confirmation { get; init; }
    /// <summary>Set when the patients' names could not all be read from the EHR (the rows still show their ids).</summary>
    public string? BannerProblem { get; init; }

    /// <summary>What the coordinator reads for each reason.</summary>
    public static string Label(WorklistReason reason) => reason switch
    {
        WorklistReason.NoMaterialsSent => "No materials sent yet",
        WorklistReason.MetastaticNewlyRecorded => "Metastatic disease newly recorded",
        WorklistReason.NewSite => "New metastatic site",
        WorklistReason.ReceptorChange => "Receptor change",
        WorklistReason.NewBiomarkerResult => "New biomarker result",
        WorklistReason.Deceased => "Deceased: close open items",
        _ => reason.ToString(),
    };
}

/// <summary>One worklist entry as shown: the stored entry (ids, reason, detail, evidence) and the banner read live from the EHR.</summary>
public sealed record WorklistRow(WorklistItem Item, PatientBanner? Banner)
{
    public override string ToString() => $"WorklistRow {{ Id = {Item.Id} }}";
}
