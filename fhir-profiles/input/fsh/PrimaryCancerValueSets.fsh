// Primary breast cancer (PrimaryCancerCodes.cs). SNOMED has no terminology server here, so only the
// descendants of 254837009 seen in real data are listed; Core catches other breast-cancer codes by their
// display text and says so in the profile's warnings.

ValueSet: MbcEduPrimaryBreastCancerVS
Id: mbcedu-primary-breast-cancer
Title: "Primary breast cancer"
Description: "Condition codes the extractor reads as the primary breast cancer. ICD-10-CM C50 covers every laterality and sex; Core reads WHO ICD-10 and ICD-10-GM C50 the same way. 372095001, given in CODES.md as male breast, is left out: the sources found give it another meaning."
* insert MbcEduTerminology
* $SCT#254837009 "Malignant neoplasm of breast"
// An inactive concept that several code lists and EHR extracts still send.
* $SCT#372064008 "Malignant neoplasm of female breast"
* $SCT#372137005 "Primary malignant neoplasm of breast"
* $SCT#353431000119107 "Primary malignant neoplasm of female left breast"
* $SCT#408643008 "Infiltrating duct carcinoma of breast"
// Seen in Epic-derived data.
* $SCT#188152004 "Malignant neoplasm of upper-inner quadrant of female breast"
* include codes from system $ICD10CM where concept is-a #C50

ValueSet: MbcEduMalignantNeoplasticDiseaseVS
Id: mbcedu-malignant-neoplastic-disease
Title: "Malignant neoplastic disease (needs a breast bodySite)"
Description: "The generic code that is breast cancer only with a bodySite from mbcedu-breast-body-site."
* insert MbcEduTerminology
* $SCT#363346000 "Malignant neoplastic disease"

ValueSet: MbcEduBreastBodySiteVS
Id: mbcedu-breast-body-site
Title: "Breast body site"
Description: "Body sites that make 363346000 a primary breast cancer. On 128462008 the same sites mean a secondary in the breast (mbcedu-site-contralateral-breast)."
* insert MbcEduTerminology
* $SCT#76752008 "Breast structure"
* $SCT#80248007 "Left breast structure"
* $SCT#73056007 "Right breast structure"
* include codes from system $ICDO3 where concept is-a #C50

ValueSet: MbcEduBreastCancerHistoryVS
Id: mbcedu-breast-cancer-history
Title: "Personal history of breast cancer"
Description: "History only: tells that a breast cancer was diagnosed, but is never used as its diagnosis date (CODES.md rule 15)."
* insert MbcEduTerminology
* $SCT#429087003 "History of malignant neoplasm of breast"
* include codes from system $ICD10CM where concept is-a #Z85.3

ValueSet: MbcEduFamilyHistoryBreastCancerVS
Id: mbcedu-family-history-breast-cancer
Title: "Family history of breast cancer"
Description: "A relative's breast cancer (CODES.md rule 15): never the patient's own cancer. The extractor names such a record in its warnings and uses nothing from it."
* insert MbcEduTerminology
* $SCT#429740004 "Family history of malignant neoplasm of breast"
