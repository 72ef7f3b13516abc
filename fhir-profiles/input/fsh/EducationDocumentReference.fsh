// What Patient/$education returns per recommended material. The fields are the ones an EHR shows in a
// document list (type, description, language) plus what a viewer needs to open the material
// (content.attachment) and what a clinician needs to see why it was chosen (context.related).

Profile: MbcEducationDocumentReference
Parent: DocumentReference
Id: mbc-education-document-reference
Title: "MbcFhirEdu education material"
Description: """
One education material recommended for a patient with metastatic breast cancer, as Patient/$education
returns it. It points at the public material page; the material itself is not embedded.

Derived from base R4 DocumentReference. US Core's DocumentReference profile would be the natural parent,
but its package cannot be resolved offline here (no FHIR package registry is reachable and US Core is not
on npm), so nothing here claims US Core conformance.
"""
* ^status = #draft
* ^experimental = false
* ^publisher = "MbcFhirEdu"

// A material that is withdrawn is simply no longer recommended, so anything returned is current.
* status = #current
* status MS

* identifier MS
* identifier ^slicing.discriminator.type = #value
* identifier ^slicing.discriminator.path = "system"
* identifier ^slicing.rules = #open
* identifier ^slicing.description = "The material id, stable across languages and releases of the library."
* identifier contains materialId 0..1 MS
* identifier[materialId].system 1..1
* identifier[materialId].system = $MaterialId
* identifier[materialId].value 1..1

// LOINC's education note is the document type EHR document lists already group patient education under.
* type 1..1 MS
* type = $LNC#34895-3 "Education note"

* subject MS
* subject only Reference(Patient)

// The material's one-line summary, shown in the EHR's document list.
* description 1..1 MS

// The language the material is written in: the patient's preferred language when the library has it,
// otherwise the fallback (en). Clients should not assume it equals the requested language.
* language 1..1 MS

* content 1..1 MS
* content.attachment MS
* content.attachment.url 1..1 MS
* content.attachment.url ^short = "Stable public page of the material: /materials/{lang}/{id}"
* content.attachment.title 1..1 MS
* content.attachment.contentType 1..1 MS
* content.attachment.language MS

* context 1..1 MS
// The evidence: every Condition, Observation or DiagnosticReport whose fact made the material fit.
// Empty for general materials, which fit everyone.
* context.related 0..* MS
* context.related only Reference(Condition or Observation or DiagnosticReport)
* context.related ^short = "The resources the reasons for this material came from"
