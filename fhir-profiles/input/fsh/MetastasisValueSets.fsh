// The metastasis codes that are not about one site (MetastasisCodes.cs: GenericSecondary, IcdSecondary,
// RegionalNodes, RegionalNodePrefixes, SiteObservations, History).

ValueSet: MbcEduSecondaryMalignantNeoplasmVS
Id: mbcedu-secondary-malignant-neoplasm
Title: "Secondary malignant neoplasm, any site"
Description: "Codes that say the cancer has spread whether or not they name a site: the generic SNOMED code (its bodySite then names the site) and every ICD-10-CM secondary-neoplasm category. A condition coded like this but with no site the extractor knows still makes the profile metastatic."
* insert MbcEduTerminology
// Displayed as "Metastatic malignant neoplasm" in newer SNOMED releases; mCODE's SecondaryCancerCondition uses it with bodySite.
* $SCT#128462008 "Secondary malignant neoplastic disease"
* include codes from system $ICD10CM where concept is-a #C77
* include codes from system $ICD10CM where concept is-a #C78
* include codes from system $ICD10CM where concept is-a #C79
* include codes from system $ICD10CM where concept is-a #C7B

ValueSet: MbcEduRegionalLymphNodesVS
Id: mbcedu-regional-lymph-nodes
Title: "Regional (axillary) lymph nodes"
Description: "Lymph-node codes that are regional spread of breast cancer, not distant (CODES.md rule 2): reported as site lymph-nodes but not by themselves metastatic. Every other lymph-node region is distant."
* insert MbcEduTerminology
* $SCT#94181007 "Secondary malignant neoplasm of axillary lymph nodes"
* $SCT#68171009 "Axillary lymph node structure"
* include codes from system $ICD10CM where concept is-a #C77.3

ValueSet: MbcEduSiteOfMetastasisObservationVS
Id: mbcedu-observation-metastasis-site
Title: "Site of distant metastasis (Observation code)"
Description: "Observation codes whose value names a site of distant metastasis; the value is read with the site value sets."
* insert MbcEduTerminology
* $LNC#44667-4 "Site of distant metastasis in Breast tumor"
* $SCT#385421009 "Site of distant metastasis"

ValueSet: MbcEduHistoryOfMetastaticCancerVS
Id: mbcedu-history-of-metastatic-cancer
Title: "History of metastatic cancer"
Description: "mCODE HistoryOfMetastaticCancer codes the extractor knows. They make the profile metastatic (CODES.md rule 1) but never a current site; 1098951000119108 names liver, which the mbcedu-site-key ConceptMap records as related, not equivalent. mCODE's own value set is every descendant of 1287652008; only the ones seen in data are listed because no SNOMED server is available."
* insert MbcEduTerminology
* $SCT#1287652008 "History of metastatic malignant neoplasm"
* $SCT#1098951000119108 "History of cancer metastatic to liver"

ValueSet: MbcEduMiiDistantMetastasisVS
Id: mbcedu-mii-distant-metastasis
Title: "MII/oBDS localisation of distant metastases"
Description: "Values of a site-of-metastasis Observation in the German MII oncology module (CODES.md rule 18): PUL lung, OSS bone, HEP liver, BRA brain, LYM distant lymph nodes, MAR bone marrow (site bone), PLE pleura, PER peritoneum, ADR adrenal, SKI skin; OTH and GEN make the profile metastatic without a site key."
* insert MbcEduTerminology
* $MIIFM#PUL "Lunge"
* $MIIFM#OSS "Knochen"
* $MIIFM#HEP "Leber"
* $MIIFM#BRA "Hirn"
* $MIIFM#LYM "Lymphknoten"
* $MIIFM#MAR "Knochenmark"
* $MIIFM#PLE "Pleura"
* $MIIFM#PER "Peritoneum"
* $MIIFM#ADR "Nebennieren"
* $MIIFM#SKI "Haut"
* $MIIFM#OTH "Andere Organe"
* $MIIFM#GEN "Generalisierte Metastasierung"

ValueSet: MbcEduNoMetastasisSiteVS
Id: mbcedu-no-metastasis-site
Title: "No site of metastasis"
Description: "Values of a site-of-metastasis Observation that say there is no distant metastasis (CODES.md rule 17): negative evidence, never an unrecognised site."
* insert MbcEduTerminology
* $SCT#260413007 "None"
