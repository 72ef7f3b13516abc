// Metadata every value set here shares. status and version come from sushi-config.yaml.
RuleSet: MbcEduTerminology
* ^experimental = false
* ^publisher = "MbcFhirEdu"

// The same for instances of conformance resources (ConceptMap, OperationDefinition,
// CapabilityStatement), which SUSHI does not stamp from sushi-config.yaml: keep the version in step.
RuleSet: MbcEduDefinition
* status = #draft
* version = "0.1.0"
* experimental = false
* publisher = "MbcFhirEdu"
