// Tumour-marker and genomic test codes (MarkerCodes.cs, GeneCodes.cs). One value set per kind of test,
// not per marker, because the kind decides how a value is read: a number on a percent code is a
// percentage of stained cells, on a ratio code it is the HER2/CEP17 ratio. Ids are mbcedu-test-<kind>
// with the kind exactly as Core names it, which is how the drift test pairs them.
// Displays are LOINC's as mCODE STU4's tumour-marker value set (hl7.fhir.us.mcode 4.0.0) gives them.

ValueSet: MbcEduTestErVS
Id: mbcedu-test-er
Title: "Estrogen receptor test"
Description: "ER by immunohistochemistry or its interpretation; the value is positive/negative (or low, from the percentage when one is given)."
* insert MbcEduTerminology
* $LNC#85337-4 "Estrogen receptor Ag [Presence] in Breast cancer specimen by Immune stain"
* $LNC#40556-3 "Estrogen receptor Ag [Presence] in Tissue by Immune stain"
* $LNC#16112-5 "Estrogen receptor [Interpretation] in Tissue"

ValueSet: MbcEduTestErPercentVS
Id: mbcedu-test-er-percent
Title: "Estrogen receptor, percent of cells"
Description: "ER-stained cells per 100 tumour cells: 1-10 % is ER-low, under 1 % negative (ASCO/CAP)."
* insert MbcEduTerminology
* $LNC#85329-1 "Cells.estrogen receptor/100 cells in Breast cancer specimen by Immune stain"

ValueSet: MbcEduTestPrVS
Id: mbcedu-test-pr
Title: "Progesterone receptor test"
Description: "PR by immunohistochemistry or its interpretation."
* insert MbcEduTerminology
* $LNC#85339-0 "Progesterone receptor Ag [Presence] in Breast cancer specimen by Immune stain"
* $LNC#40557-1 "Progesterone receptor Ag [Presence] in Tissue by Immune stain"
* $LNC#16113-3 "Progesterone receptor [Interpretation] in Tissue"

ValueSet: MbcEduTestPrPercentVS
Id: mbcedu-test-pr-percent
Title: "Progesterone receptor, percent of cells"
Description: "PR-stained cells per 100 tumour cells."
* insert MbcEduTerminology
* $LNC#85325-9 "Cells.progesterone receptor/100 cells in Breast cancer specimen by Immune stain"

ValueSet: MbcEduTestHer2IhcVS
Id: mbcedu-test-her2-ihc
Title: "HER2 by immunohistochemistry"
Description: "HER2 IHC; the value is a score from mbcedu-answer-her2-ihc-score or positive/negative."
* insert MbcEduTerminology
* $LNC#85319-2 "HER2 [Presence] in Breast cancer specimen by Immune stain"
* $LNC#18474-7 "HER2 Ag [Presence] in Tissue by Immune stain"

ValueSet: MbcEduTestHer2InterpretationVS
Id: mbcedu-test-her2-interpretation
Title: "HER2 interpretation"
Description: "A bare HER2 positive/negative statement; less specific than an IHC score or ISH result in the same episode (CODES.md rule 4)."
* insert MbcEduTerminology
* $LNC#48676-1 "HER2 [Interpretation] in Tissue"

ValueSet: MbcEduTestHer2IshVS
Id: mbcedu-test-her2-ish
Title: "HER2 by in situ hybridisation"
Description: "HER2 (ERBB2) amplification by FISH/ISH, read as amplified or not."
* insert MbcEduTerminology
* $LNC#85318-4 "ERBB2 gene duplication [Presence] in Breast cancer specimen by FISH"
* $LNC#31150-6 "ERBB2 gene duplication [Presence] in Tissue by FISH"

ValueSet: MbcEduTestHer2IshRatioVS
Id: mbcedu-test-her2-ish-ratio
Title: "HER2/CEP17 ratio"
Description: "A number here is the HER2/CEP17 ratio, not a percentage."
* insert MbcEduTerminology
* $LNC#49683-6 "ERBB2 gene copy number/Chromosome 17 copy number in Tissue by FISH"

ValueSet: MbcEduTestHer2IshCopiesVS
Id: mbcedu-test-her2-ish-copies
Title: "HER2 copies per nucleus"
Description: "A number here is the mean HER2 copy number per nucleus."
* insert MbcEduTerminology
* $LNC#74860-8 "ERBB2 gene copy number/nucleus in Tissue by FISH"

ValueSet: MbcEduTestPdl1VS
Id: mbcedu-test-pdl1
Title: "PD-L1 presence"
Description: "PD-L1 by immunohistochemistry with a named clone; coded positive/negative wins, a numeric CPS of 10 or more is positive (CODES.md rule 13)."
* insert MbcEduTerminology
* $LNC#83052-1 "PD-L1 by clone 22C3 [Presence] in Tissue by Immune stain"
* $LNC#83055-4 "PD-L1 by clone 28-8 [Presence] in Tissue by Immune stain"
* $LNC#83057-0 "PD-L1 by clone SP142 [Presence] in Tissue by Immune stain"

ValueSet: MbcEduTestPdl1TumourCellsVS
Id: mbcedu-test-pdl1-tumour-cells
Title: "PD-L1, percent of tumour cells"
Description: "A tumour proportion score. Rule 13 turns only a CPS into positive/negative, so a number here stays unknown, with a warning."
* insert MbcEduTerminology
* $LNC#83053-9 "Cells.programmed cell death ligand 1/100 viable tumor cells in Tissue by Immune stain"

ValueSet: MbcEduTestKi67VS
Id: mbcedu-test-ki67
Title: "Ki-67"
Description: "Read for completeness; Ki-67 is not part of the clinical profile and is not in mCODE's tumour-marker value set."
* insert MbcEduTerminology
// Displays left out: neither code is in the mCODE package, so there was nothing to confirm them against.
* $LNC#85330-9
* $LNC#29593-1

ValueSet: MbcEduTestVariantVS
Id: mbcedu-test-variant
Title: "Genetic variant assessment"
Description: "The genomics-reporting variant Observation; the gene is in component 48018-6 (mbcedu-gene-studied), the answer in mbcedu-answer-present/absent."
* insert MbcEduTerminology
* $LNC#69548-6 "Genetic variant assessment"

ValueSet: MbcEduTestGermlineBrca1VS
Id: mbcedu-test-germline-brca1
Title: "Germline BRCA1 test"
Description: "A germline test for BRCA1 only (LOINC names one gene per test); its result sets BRCA1 when no gene-studied component names another gene."
* insert MbcEduTerminology
* $LNC#21639-0 "BRCA1 gene mutations tested for in Blood or Tissue by Molecular genetics method Nominal"

ValueSet: MbcEduTestGermlineBrca2VS
Id: mbcedu-test-germline-brca2
Title: "Germline BRCA2 test"
Description: "A germline test for BRCA2 only; its result sets BRCA2 when no gene-studied component names another gene."
* insert MbcEduTerminology
* $LNC#38531-0 "BRCA2 gene mutations tested for in Blood or Tissue by Molecular genetics method Nominal"

ValueSet: MbcEduGeneStudiedVS
Id: mbcedu-gene-studied
Title: "Gene studied (component code)"
Description: "The component of a variant Observation that names the gene."
* insert MbcEduTerminology
* $LNC#48018-6 "Gene studied [ID]"

ValueSet: MbcEduGeneVS
Id: mbcedu-gene
Title: "Genes the extractor knows by HGNC id"
Description: "HGNC ids the extractor turns into a gene symbol; the display is the symbol, which is the key of profile.variants. Any other gene is keyed by the symbol its Observation gives (CODES.md rule 10)."
* insert MbcEduTerminology
* $HGNC#HGNC:8975 "PIK3CA"
* $HGNC#HGNC:3467 "ESR1"
* $HGNC#HGNC:1100 "BRCA1"
* $HGNC#HGNC:1101 "BRCA2"
* $HGNC#HGNC:391 "AKT1"
* $HGNC#HGNC:9588 "PTEN"
* $HGNC#HGNC:3430 "ERBB2"
