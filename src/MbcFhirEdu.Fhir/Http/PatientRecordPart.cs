namespace MbcFhirEdu.Fhir.Http;

/// <summary>The five requests of a patient load; a failed one is named in <see cref="FetchedRecord.MissingParts"/>.</summary>
public enum PatientRecordPart
{
    /// <summary>Patient read (language, sex).</summary>
    Patient,
    /// <summary>Condition search (primary cancer, metastatic sites).</summary>
    Conditions,
    /// <summary>Observation search, category laboratory (receptors, HER2, tumour markers, genomic variants).</summary>
    LabObservations,
    /// <summary>Observation search by the cancer-fact codes, whatever their category (stage, TNM, receptor results filed elsewhere).</summary>
    CancerFactObservations,
    /// <summary>
    /// DiagnosticReport search, every category (a bone scan's conclusionCode may be the only record of a site; a report
    /// filed under an unexpected category must not be missed, so no category filter).
    /// </summary>
    Reports,
}
