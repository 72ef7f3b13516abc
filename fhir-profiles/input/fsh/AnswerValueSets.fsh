// Result answers (AnswerCodes.cs): the coded values and Observation.interpretation codes the readers
// turn into positive/negative/... One value set per meaning, id mbcedu-answer-<meaning>, so a code
// listed under the wrong meaning shows up in the drift test. Values also arrive as text or numbers;
// those rules live in Core, not here.

ValueSet: MbcEduAnswerPositiveVS
Id: mbcedu-answer-positive
Title: "Answer: positive"
Description: "Coded values and interpretations read as a positive result."
* insert MbcEduTerminology
* $LNC#LA6576-8 "Positive"
* $SCT#10828004 "Positive"
// Findings that state the result in the value itself, seen in receptor-status value sets.
* $SCT#416053008 "Estrogen receptor positive tumor"
* $SCT#427685000 "HER2 positive carcinoma of breast"
* $V3INT#POS "Positive"

ValueSet: MbcEduAnswerNegativeVS
Id: mbcedu-answer-negative
Title: "Answer: negative"
Description: "Coded values and interpretations read as a negative result."
* insert MbcEduTerminology
* $LNC#LA6577-6 "Negative"
* $SCT#260385009 "Negative"
* $SCT#431396003 "HER2 negative carcinoma of breast"
* $V3INT#NEG "Negative"

ValueSet: MbcEduAnswerEquivocalVS
Id: mbcedu-answer-equivocal
Title: "Answer: equivocal or indeterminate"
Description: "Neither positive nor negative; for HER2 this waits for ISH (CODES.md rule 4)."
* insert MbcEduTerminology
* $LNC#LA11884-6 "Indeterminate"
* $SCT#280414007 "Equivocal"
* $SCT#82334004 "Indeterminate"
* $V3INT#IND "Indeterminate"

ValueSet: MbcEduAnswerNotTestedVS
Id: mbcedu-answer-not-tested
Title: "Answer: not tested"
Description: "The test was not done: the marker stays unknown."
* insert MbcEduTerminology
* $LNC#LA13538-6 "Not tested"

ValueSet: MbcEduAnswerPresentVS
Id: mbcedu-answer-present
Title: "Answer: present (detected)"
Description: "A variant detected; on HER2 by a molecular method (18474-7) it means positive."
* insert MbcEduTerminology
* $LNC#LA9633-4 "Present"
* $V3INT#DET "Detected"

ValueSet: MbcEduAnswerAbsentVS
Id: mbcedu-answer-absent
Title: "Answer: absent (not detected)"
Description: "A variant not detected."
* insert MbcEduTerminology
* $LNC#LA9634-2 "Absent"
* $V3INT#ND "Not detected"

ValueSet: MbcEduAnswerHighVS
Id: mbcedu-answer-high
Title: "Interpretation: high"
Description: "Kept apart from positive: it only decides where a high reading means something (PD-L1 expression, an ISH ratio)."
* insert MbcEduTerminology
* $V3INT#H "High"

ValueSet: MbcEduAnswerLowRangeVS
Id: mbcedu-answer-low-range
Title: "Interpretation: low"
Description: "Below the reference range. Not the same as ER-low or HER2-low, which come from percentages and IHC scores."
* insert MbcEduTerminology
* $V3INT#L "Low"

ValueSet: MbcEduAnswerHer2IhcScoreVS
Id: mbcedu-answer-her2-ihc-score
Title: "HER2 IHC score"
Description: "LOINC answer list LL4396-9. The display is the score, and Core's meaning is ihc-<display>; the drift test checks both. 0 is HER2-zero, 1+ HER2-low, 2+ equivocal until ISH decides, 3+ positive."
* insert MbcEduTerminology
* $LNC#LA6111-4 "0"
* $LNC#LA11841-6 "1+"
* $LNC#LA11842-4 "2+"
* $LNC#LA11843-2 "3+"
