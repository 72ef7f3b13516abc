// The site keys of the clinical profile (ProfileValues.SiteKeys in Core, shared/CODES.md). Materials
// are tagged `site:<key>`, so these codes are the contract between the extractor and the content.
CodeSystem: MbcEduSiteKey
Id: mbcedu-site-key
Title: "MbcFhirEdu metastatic site key"
Description: "Where metastatic breast cancer has spread, at the level of detail the education materials use. Target of the mbcedu-site-key ConceptMap."
* ^caseSensitive = true
* ^content = #complete
* ^experimental = false
* #adrenal "Adrenal gland" "Spread to an adrenal gland."
* #bone "Bone" "Spread to bone, bone marrow included (CODES.md rule 3)."
* #brain "Brain" "Spread to the brain itself (parenchyma)."
* #contralateral-breast "Other breast" "A secondary tumour in a breast, reported by its site code rather than as a new primary."
* #eye "Eye" "Spread to the eye or its adnexa."
* #leptomeninges "Leptomeninges" "Spread to the membranes around the brain and spinal cord (CODES.md rule 3: C79.32 is here, not brain)."
* #liver "Liver" "Spread to the liver."
* #lung "Lung" "Spread to the lung."
* #lymph-nodes "Lymph nodes" "Spread to lymph nodes. Axillary nodes are regional (rule 2): listed, but not by themselves metastatic."
* #ovary "Ovary" "Spread to an ovary."
* #peritoneum "Peritoneum" "Spread to the peritoneum or retroperitoneum."
* #pleura "Pleura" "Spread to the pleura."
* #skin "Skin" "Spread to the skin."
* #spinal-cord "Spinal cord" "Spread to the spinal cord."

ValueSet: MbcEduSiteKeyVS
Id: mbcedu-site-key
Title: "MbcFhirEdu metastatic site key"
Description: "Every site key; the target of the mbcedu-site-key ConceptMap."
* insert MbcEduTerminology
* include codes from system MbcEduSiteKey
