namespace MbcFhirEdu.Core.Population;

/// <summary>
/// Why a patient is on the population worklist (issue 18): what changed in the record since the last population run
/// so that the patient may need new materials, or why their open items should be closed.
/// </summary>
public enum WorklistReason
{
    /// <summary>A metastatic breast cancer profile and no material was ever sent to the patient.</summary>
    NoMaterialsSent,
    /// <summary>Metastatic disease is recorded now and was not at the last run.</summary>
    MetastaticNewlyRecorded,
    /// <summary>A current metastatic site that the last run did not have.</summary>
    NewSite,
    /// <summary>ER, PR or HER2 status changed between runs (CODES.md rule 6 categories).</summary>
    ReceptorChange,
    /// <summary>A PD-L1, PIK3CA, ESR1 or BRCA result that the last run did not have (or a changed one).</summary>
    NewBiomarkerResult,
    /// <summary>The patient is now recorded as deceased: the patient's other open items are closed (CODES.md rule 16).</summary>
    Deceased,
}
