// GET [base]/Patient/{id}/$education: the FHIR-native way to ask for recommendations. Only primitive
// in-parameters and no side effects, so GET is allowed (affectsState false).

CodeSystem: MbcEduAudience
Id: mbcedu-audience
Title: "MbcFhirEdu audience"
Description: "Who the recommendations are written for."
* ^caseSensitive = true
* ^content = #complete
* ^experimental = false
* #patient "Patient" "Plain-language reasons addressed to the patient (the default)."
* #clinician "Clinician" "Reasons that name the evidence, for the care team."

ValueSet: MbcEduAudienceVS
Id: mbcedu-audience
Title: "MbcFhirEdu audience"
Description: "Values of the $education audience parameter."
* insert MbcEduTerminology
* include codes from system MbcEduAudience

Instance: MbcEduEducationOperation
InstanceOf: OperationDefinition
Usage: #definition
Title: "Education materials for a patient"
Description: "Returns the education materials that fit the patient's metastatic breast cancer profile, one MbcEducationDocumentReference each, with warnings about the data in an OperationOutcome."
* id = "education"
* url = "http://mbcfhiredu.example.org/fhir/OperationDefinition/education"
* name = "Education"
* insert MbcEduDefinition
* kind = #operation
* code = #education
* comment = """
Uses the same SMART authorization as the app: a patient token may only ask for its own patient.
The result is a Bundle of type searchset: one entry per material (search.mode match, a DocumentReference
conforming to MbcEducationDocumentReference, in recommendation order) and, when the data raised warnings
(codes read from display text, unresolved subjects), one OperationOutcome entry (search.mode outcome).
An empty Bundle means nothing beyond the general materials applies; it is not an error.
"""
* resource = #Patient
* system = false
* type = false
* instance = true
* affectsState = false

* parameter[+].name = #language
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #code
* parameter[=].documentation = "BCP-47 language wanted (es, es-MX). Default: the patient's preferred communication language, else en. Materials missing in that language come in English; DocumentReference.language says which."
* parameter[=].binding.strength = #preferred
* parameter[=].binding.valueSet = "http://hl7.org/fhir/ValueSet/languages"

* parameter[+].name = #audience
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].type = #code
* parameter[=].documentation = "patient (default) or clinician: how the reasons are worded."
* parameter[=].binding.strength = #required
* parameter[=].binding.valueSet = Canonical(MbcEduAudienceVS)

* parameter[+].name = #return
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].type = #Bundle
* parameter[=].documentation = "searchset Bundle of MbcEducationDocumentReference entries, plus an OperationOutcome entry for warnings."
