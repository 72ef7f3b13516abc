// Stage (StageCodes.cs): which Observations carry a stage group or an M category, and which values
// mean which group. Values map to the profile's groups 0|I|II|III|IV, sub-stages collapsing into their
// group, so there is one value set per group: mbcedu-stage-group-<group>. Text values ("Stage IV",
// "IV", "4", "c3A", UICC "IVC") and http://cancerstaging.org codes are parsed by Core, not listed.

ValueSet: MbcEduStageGroupObservationVS
Id: mbcedu-observation-stage-group
Title: "TNM stage group (Observation code)"
Description: "Observation codes, clinical, pathologic or unspecified, whose value is a stage group. Core records which of the three it was; this value set does not separate them."
* insert MbcEduTerminology
* $LNC#21908-9 "Stage group.clinical Cancer"
* $LNC#21902-2 "Stage group.pathology Cancer"
* $LNC#21914-7 "Stage group.other Cancer"
* $SCT#399537006 "Clinical TNM stage grouping"
* $SCT#399588009 "Pathologic TNM stage grouping"
* $SCT#399390009 "TNM stage grouping"

ValueSet: MbcEduMCategoryObservationVS
Id: mbcedu-observation-m-category
Title: "TNM M category (Observation code)"
Description: "Observation codes, clinical or pathologic, whose value is the distant-metastasis (M) category."
* insert MbcEduTerminology
* $LNC#21907-1 "Distant metastases.clinical [Class] Cancer"
* $LNC#21901-4 "Distant metastases.pathology [Class] Cancer"
* $SCT#399387003 "cM category"
* $SCT#371497001 "pM category"

ValueSet: MbcEduMCategoryM1VS
Id: mbcedu-m-category-m1
Title: "M category: M1 (distant metastasis)"
Description: "M1 values. M1 alone makes the profile metastatic, with no site (CODES.md rule 1)."
* insert MbcEduTerminology
// Synthea writes the older finding; mCODE uses the AJCC 8 qualifier values.
* $SCT#55440008 "M1 category"
* $SCT#1229903009 "AJCC cM1"
* $SCT#1229904003 "AJCC cM1a"
* $SCT#1229907005 "AJCC cM1b"
* $SCT#1229910003 "AJCC cM1c"
* $SCT#1229916009 "AJCC pM1"

ValueSet: MbcEduMCategoryM0VS
Id: mbcedu-m-category-m0
Title: "M category: M0 (no distant metastasis)"
Description: "M0 values."
* insert MbcEduTerminology
* $SCT#30893008 "M0 category"
* $SCT#1229901006 "AJCC cM0"

ValueSet: MbcEduStageGroup0VS
Id: mbcedu-stage-group-0
Title: "Stage group 0"
Description: "Stage-group values the extractor reads as stage 0: AJCC 8 qualifier values (descendants of 1222592004, 1222593009 and 1222594003 as published TNM value sets list them)."
* insert MbcEduTerminology
* $SCT#1222605001 "AJCC stage 0"
* $SCT#1222721004 "AJCC stage 0a"
* $SCT#1222722006 "AJCC stage 0is"
// Core maps AJCC stage IS here. IS is the testicular-cancer stage (serum markers), a subgroup of stage I
// there; it does not occur in breast cancer, so the choice has no effect on this service.
* $SCT#1222733009 "AJCC stage IS"

ValueSet: MbcEduStageGroupIVS
Id: mbcedu-stage-group-i
Title: "Stage group I"
Description: "Stage-group values the extractor reads as stage I: AJCC 8 qualifier values (descendants of 1222592004, 1222593009 and 1222594003 as published TNM value sets list them) and the Stage findings Synthea writes."
* insert MbcEduTerminology
* $SCT#1222723001 "AJCC stage I"
* $SCT#1222724007 "AJCC stage IA"
* $SCT#1222725008 "AJCC stage IA1"
* $SCT#1222726009 "AJCC stage IA2"
* $SCT#1222727000 "AJCC stage IA3"
* $SCT#1222728005 "AJCC stage IB"
* $SCT#1222729002 "AJCC stage IB1"
* $SCT#1222730007 "AJCC stage IB2"
* $SCT#1222731006 "AJCC stage IC"
* $SCT#1222732004 "AJCC stage IE"
// Synthea's "Stage N" findings.
* $SCT#258215001 "Stage 1"
* $SCT#261634002 "Stage 1A"
* $SCT#261635001 "Stage 1B"

ValueSet: MbcEduStageGroupIiVS
Id: mbcedu-stage-group-ii
Title: "Stage group II"
Description: "Stage-group values the extractor reads as stage II: AJCC 8 qualifier values (descendants of 1222592004, 1222593009 and 1222594003 as published TNM value sets list them) and the Stage findings Synthea writes."
* insert MbcEduTerminology
* $SCT#1222765007 "AJCC stage II"
* $SCT#1222772008 "AJCC stage II bulky"
* $SCT#1222766008 "AJCC stage IIA"
* $SCT#1222767004 "AJCC stage IIA1"
* $SCT#1222768009 "AJCC stage IIA2"
* $SCT#1222769001 "AJCC stage IIB"
* $SCT#1222770000 "AJCC stage IIC"
* $SCT#1222771001 "AJCC stage IIE"
// Synthea's "Stage N" findings.
* $SCT#258219007 "Stage 2"
* $SCT#261614003 "Stage 2A"
* $SCT#261615002 "Stage 2B"

ValueSet: MbcEduStageGroupIiiVS
Id: mbcedu-stage-group-iii
Title: "Stage group III"
Description: "Stage-group values the extractor reads as stage III: AJCC 8 qualifier values (descendants of 1222592004, 1222593009 and 1222594003 as published TNM value sets list them) and the Stage findings Synthea writes."
* insert MbcEduTerminology
* $SCT#1222801008 "AJCC stage III"
* $SCT#1222802001 "AJCC stage IIIA"
* $SCT#1222803006 "AJCC stage IIIA1"
* $SCT#1222804000 "AJCC stage IIIA2"
* $SCT#1222805004 "AJCC stage IIIB"
* $SCT#1222806003 "AJCC stage IIIC"
* $SCT#1222807007 "AJCC stage IIIC1"
* $SCT#1222809005 "AJCC stage IIIC2"
* $SCT#1222811001 "AJCC stage IIID"
// Synthea's "Stage N" findings.
* $SCT#258224005 "Stage 3"
* $SCT#261638004 "Stage 3A"
* $SCT#261639007 "Stage 3B"
* $SCT#261640009 "Stage 3C"

ValueSet: MbcEduStageGroupIvVS
Id: mbcedu-stage-group-iv
Title: "Stage group IV"
Description: "Stage-group values the extractor reads as stage IV: AJCC 8 qualifier values (descendants of 1222592004, 1222593009 and 1222594003 as published TNM value sets list them) and the Stage findings Synthea writes."
* insert MbcEduTerminology
* $SCT#1222837003 "AJCC stage IV"
* $SCT#1222838008 "AJCC stage IVA"
* $SCT#1222841004 "AJCC stage IVB"
* $SCT#1222842006 "AJCC stage IVC"
// Synthea's "Stage N" findings.
* $SCT#258228008 "Stage 4"
