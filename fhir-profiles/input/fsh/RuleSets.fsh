// Metadata every value set here shares. status and version come from sushi-config.yaml.
RuleSet: MbcEduTerminology
* ^experimental = false
* ^publisher = "MbcFhirEdu"
