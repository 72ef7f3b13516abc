// One value set per metastatic site key: every code that makes the extractor report that site.
// They mirror src/MbcFhirEdu.Core/Clinical/Codes/MetastasisCodes.cs exactly, and the .NET test
// Profiles/ValueSetDriftTests fails when the two disagree in either direction.
//
// How the three patterns of shared/CODES.md appear in each value set:
// 1. SNOMED disorders ("Secondary malignant neoplasm of X") are listed.
// 2. SNOMED body structures are listed too: they name the site when the code is the generic
//    128462008 (mcode-secondary-cancer-condition) or an Observation 44667-4/385421009 answers with them.
// 3. ICD-10-CM (C77-C79, C7B) and ICD-O-3 topography (again as a bodySite of 128462008) are given as
//    `is-a` filters, one per row of Core's prefix tables: a row like C79.5 covers C79.51 and C79.52, and
//    the filter says the same thing without us keeping a copy of ICD. Where a longer prefix belongs to
//    another site (C79.32 under C79.3), that code is excluded: Core takes the longest prefix.
// Core reads WHO ICD-10 and ICD-10-GM codes with the same prefixes; only ICD-10-CM is listed here.
// Past (resolved) metastases and History-of codes are not current sites: see HistoryOfMetastaticCancerVS.

ValueSet: MbcEduSiteAdrenalVS
Id: mbcedu-site-adrenal
Title: "Metastatic site: adrenal"
Description: "Codes the extractor reads as spread to an adrenal gland."
* insert MbcEduTerminology
// (check) in CODES.md; 94161006 was confirmed only in third-party lists (a lung-metastasis value set).
* $SCT#94161006 "Secondary malignant neoplasm of adrenal gland"
* $SCT#23451007 "Adrenal structure"
* include codes from system $ICD10CM where concept is-a #C79.7
* include codes from system $ICDO3 where concept is-a #C74

ValueSet: MbcEduSiteBoneVS
Id: mbcedu-site-bone
Title: "Metastatic site: bone"
Description: "Codes the extractor reads as spread to bone. Bone marrow counts as bone (CODES.md rule 3)."
* insert MbcEduTerminology
* $SCT#94222008 "Secondary malignant neoplasm of bone"
* $SCT#272673000 "Bone structure"
* $SCT#3138006 "Bone tissue structure"
* $SCT#14016003 "Bone marrow structure"
// C79.5 holds C79.51 (bone) and C79.52 (bone marrow).
* include codes from system $ICD10CM where concept is-a #C79.5
// Secondary carcinoid of bone: a neuroendocrine breast tumour's spread is still bone for the patient.
* include codes from system $ICD10CM where concept is-a #C7B.03
* include codes from system $ICDO3 where concept is-a #C40
* include codes from system $ICDO3 where concept is-a #C41
* include codes from system $ICDO3 where concept is-a #C42.1

ValueSet: MbcEduSiteBrainVS
Id: mbcedu-site-brain
Title: "Metastatic site: brain"
Description: "Codes the extractor reads as spread to the brain. Secondary neoplasm of the cerebral meninges (C79.32) is leptomeninges instead."
* insert MbcEduTerminology
* $SCT#94225005 "Secondary malignant neoplasm of brain"
* $SCT#12738006 "Brain structure"
// WHO ICD-10 has only C79.3 (brain and cerebral meninges together); ICD-10-CM splits it in two.
* include codes from system $ICD10CM where concept is-a #C79.3
* include codes from system $ICD10CM where concept is-a #C79.31
* exclude codes from system $ICD10CM where concept is-a #C79.32
* include codes from system $ICDO3 where concept is-a #C71

ValueSet: MbcEduSiteContralateralBreastVS
Id: mbcedu-site-contralateral-breast
Title: "Metastatic site: other breast"
Description: "Codes the extractor reads as a secondary tumour in a breast: a breast bodySite on 128462008, or ICD-10-CM C79.81."
* insert MbcEduTerminology
// The same structures mean the primary's site on 363346000; on 128462008 they mean spread.
* $SCT#76752008 "Breast structure"
* $SCT#80248007 "Left breast structure"
* $SCT#73056007 "Right breast structure"
* include codes from system $ICD10CM where concept is-a #C79.81
* include codes from system $ICDO3 where concept is-a #C50

ValueSet: MbcEduSiteEyeVS
Id: mbcedu-site-eye
Title: "Metastatic site: eye"
Description: "Codes the extractor reads as spread to the eye. No pre-coordinated SNOMED disorder or ICD-10-CM site code is used: only a bodySite on 128462008."
* insert MbcEduTerminology
* $SCT#81745001 "Structure of eye proper"
* include codes from system $ICDO3 where concept is-a #C69

ValueSet: MbcEduSiteLeptomeningesVS
Id: mbcedu-site-leptomeninges
Title: "Metastatic site: leptomeninges"
Description: "Codes the extractor reads as spread to the meninges (CODES.md rule 3). C70.x in ICD-10-CM is a primary meningeal cancer and is not included; in ICD-O-3 C70 is only a topography, so as a bodySite of 128462008 it is a site of spread."
* insert MbcEduTerminology
* $SCT#8935007 "Cerebral meninges structure"
* include codes from system $ICD10CM where concept is-a #C79.32
* include codes from system $ICDO3 where concept is-a #C70

ValueSet: MbcEduSiteLiverVS
Id: mbcedu-site-liver
Title: "Metastatic site: liver"
Description: "Codes the extractor reads as spread to the liver."
* insert MbcEduTerminology
* $SCT#94381002 "Secondary malignant neoplasm of liver"
* $SCT#10200004 "Liver structure"
* include codes from system $ICD10CM where concept is-a #C78.7
* include codes from system $ICD10CM where concept is-a #C7B.02
* include codes from system $ICDO3 where concept is-a #C22.0

ValueSet: MbcEduSiteLungVS
Id: mbcedu-site-lung
Title: "Metastatic site: lung"
Description: "Codes the extractor reads as spread to the lung."
* insert MbcEduTerminology
* $SCT#94391008 "Secondary malignant neoplasm of lung"
* $SCT#39607008 "Lung structure"
// C78.0 holds C78.00 (unspecified), C78.01 (right) and C78.02 (left).
* include codes from system $ICD10CM where concept is-a #C78.0
* include codes from system $ICDO3 where concept is-a #C34

ValueSet: MbcEduSiteLymphNodesVS
Id: mbcedu-site-lymph-nodes
Title: "Metastatic site: lymph nodes"
Description: "Codes the extractor reads as spread to lymph nodes. The axillary codes are in here too, but alone they do not make the profile metastatic (CODES.md rule 2; see mbcedu-regional-lymph-nodes)."
* insert MbcEduTerminology
// (check) in CODES.md; 94392001 was confirmed only in an ICD-10 C77 to SNOMED map.
* $SCT#94392001 "Secondary malignant neoplasm of lymph node"
* $SCT#94181007 "Secondary malignant neoplasm of axillary lymph nodes"
* $SCT#59441001 "Structure of lymph node"
* $SCT#68171009 "Axillary lymph node structure"
* include codes from system $ICD10CM where concept is-a #C77
* include codes from system $ICD10CM where concept is-a #C7B.01
* include codes from system $ICDO3 where concept is-a #C77

ValueSet: MbcEduSiteOvaryVS
Id: mbcedu-site-ovary
Title: "Metastatic site: ovary"
Description: "Codes the extractor reads as spread to an ovary. No pre-coordinated SNOMED disorder was found (CODES.md): 128462008 with an ovary bodySite, or ICD-10-CM C79.6x."
* insert MbcEduTerminology
* $SCT#15497006 "Ovarian structure"
* include codes from system $ICD10CM where concept is-a #C79.6
* include codes from system $ICDO3 where concept is-a #C56

ValueSet: MbcEduSitePeritoneumVS
Id: mbcedu-site-peritoneum
Title: "Metastatic site: peritoneum"
Description: "Codes the extractor reads as spread to the peritoneum or retroperitoneum. No pre-coordinated SNOMED disorder was found (CODES.md)."
* insert MbcEduTerminology
* $SCT#15425007 "Peritoneum"
* include codes from system $ICD10CM where concept is-a #C78.6
* include codes from system $ICD10CM where concept is-a #C7B.04
* include codes from system $ICDO3 where concept is-a #C48

ValueSet: MbcEduSitePleuraVS
Id: mbcedu-site-pleura
Title: "Metastatic site: pleura"
Description: "Codes the extractor reads as spread to the pleura."
* insert MbcEduTerminology
// (check) in CODES.md; 94493005 was confirmed only in third-party lists (a lung-metastasis value set).
* $SCT#94493005 "Secondary malignant neoplasm of pleura"
* $SCT#3120008 "Pleural membrane structure"
* include codes from system $ICD10CM where concept is-a #C78.2
* include codes from system $ICDO3 where concept is-a #C38.4

ValueSet: MbcEduSiteSkinVS
Id: mbcedu-site-skin
Title: "Metastatic site: skin"
Description: "Codes the extractor reads as spread to the skin."
* insert MbcEduTerminology
// (check) in CODES.md; 94579000 was confirmed only in a terminology test's fixtures.
* $SCT#94579000 "Secondary malignant neoplasm of skin"
* $SCT#39937001 "Skin structure"
* include codes from system $ICD10CM where concept is-a #C79.2
* include codes from system $ICDO3 where concept is-a #C44

ValueSet: MbcEduSiteSpinalCordVS
Id: mbcedu-site-spinal-cord
Title: "Metastatic site: spinal cord"
Description: "Codes the extractor reads as spread to the spinal cord itself (spread to the vertebrae is bone). Only a bodySite on 128462008 names it."
* insert MbcEduTerminology
* $SCT#2748008 "Spinal cord structure"
* include codes from system $ICDO3 where concept is-a #C72.0
