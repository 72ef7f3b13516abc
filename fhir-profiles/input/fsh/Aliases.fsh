// Code systems as the extractor matches them (src/MbcFhirEdu.Core/Clinical/CodeSystems.cs).
Alias: $SCT = http://snomed.info/sct
Alias: $LNC = http://loinc.org
Alias: $ICD10CM = http://hl7.org/fhir/sid/icd-10-cm
Alias: $ICDO3 = http://terminology.hl7.org/CodeSystem/icd-o-3
Alias: $MIIFM = https://www.medizininformatik-initiative.de/fhir/ext/modul-onko/CodeSystem/mii-cs-onko-fernmetastasen
Alias: $HGNC = http://www.genenames.org/geneId
Alias: $V3INT = http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation
Alias: $BCP47 = urn:ietf:bcp:47
Alias: $COMMCAT = http://terminology.hl7.org/CodeSystem/communication-category

// Our own identifiers: the delivery id the coordinator flow writes on every Communication it sends,
// so a retried send is matched by conditional create instead of creating a duplicate.
Alias: $DeliveryId = http://mbcfhiredu.example.org/fhir/sid/delivery-id
Alias: $MaterialId = http://mbcfhiredu.example.org/fhir/sid/material-id
Alias: $expectation = http://hl7.org/fhir/StructureDefinition/capabilitystatement-expectation
Alias: $SECSVC = http://terminology.hl7.org/CodeSystem/restful-security-service
