// Code -> site key, the same facts as the site value sets but one code per row, for a reader that has
// a code and wants the key (the Infobutton and CDS Hooks surfaces, or an integrator's own mapping).
// Equivalence is `wider`: the key is coarser than the code (C79.51 and C79.52 are both `bone`).
// ConceptMap cannot carry a filter, so an ICD row maps the category code (C79.5) and its comment says
// the codes under it go the same way; as in Core, the longest matching code wins (C79.32 over C79.3).

RuleSet: SiteCode(code, display, key)
* group[=].element[+].code = #{code}
* group[=].element[=].display = "{display}"
* group[=].element[=].target[+].code = #{key}
* group[=].element[=].target[=].equivalence = #wider

RuleSet: SiteCategory(code, display, key)
* insert SiteCode({code}, {display}, {key})
* group[=].element[=].target[=].comment = "Every code under {code} too, unless a longer code in this group maps it elsewhere."

Instance: MbcEduSiteKeyMap
InstanceOf: ConceptMap
Usage: #definition
Title: "Metastatic site code to site key"
Description: "Maps every code that names a site of spread (SNOMED disorders and body structures, ICD-10-CM secondary neoplasm codes, ICD-O-3 topography) to a key of CodeSystem mbcedu-site-key. Mirrors MetastasisCodes.cs; checked by the drift test."
* id = "mbcedu-site-key"
* url = "http://mbcfhiredu.example.org/fhir/ConceptMap/mbcedu-site-key"
* name = "MbcEduSiteKeyMap"
* insert MbcEduDefinition
* targetCanonical = Canonical(MbcEduSiteKeyVS)

// SNOMED disorders (pattern 1) and body structures (the bodySite of 128462008, pattern 2).
* group[+].source = "http://snomed.info/sct"
* group[=].target = "http://mbcfhiredu.example.org/fhir/CodeSystem/mbcedu-site-key"
* insert SiteCode(94161006, Secondary malignant neoplasm of adrenal gland, adrenal)
* insert SiteCode(23451007, Adrenal structure, adrenal)
* insert SiteCode(94222008, Secondary malignant neoplasm of bone, bone)
* insert SiteCode(272673000, Bone structure, bone)
* insert SiteCode(3138006, Bone tissue structure, bone)
* insert SiteCode(14016003, Bone marrow structure, bone)
* insert SiteCode(94225005, Secondary malignant neoplasm of brain, brain)
* insert SiteCode(12738006, Brain structure, brain)
* insert SiteCode(76752008, Breast structure, contralateral-breast)
* insert SiteCode(80248007, Left breast structure, contralateral-breast)
* insert SiteCode(73056007, Right breast structure, contralateral-breast)
* insert SiteCode(81745001, Structure of eye proper, eye)
* insert SiteCode(8935007, Cerebral meninges structure, leptomeninges)
* insert SiteCode(94381002, Secondary malignant neoplasm of liver, liver)
* insert SiteCode(10200004, Liver structure, liver)
* insert SiteCode(94391008, Secondary malignant neoplasm of lung, lung)
* insert SiteCode(39607008, Lung structure, lung)
* insert SiteCode(94392001, Secondary malignant neoplasm of lymph node, lymph-nodes)
* insert SiteCode(94181007, Secondary malignant neoplasm of axillary lymph nodes, lymph-nodes)
* insert SiteCode(59441001, Structure of lymph node, lymph-nodes)
* insert SiteCode(68171009, Axillary lymph node structure, lymph-nodes)
* insert SiteCode(15497006, Ovarian structure, ovary)
* insert SiteCode(15425007, Peritoneum, peritoneum)
* insert SiteCode(94493005, Secondary malignant neoplasm of pleura, pleura)
* insert SiteCode(3120008, Pleural membrane structure, pleura)
* insert SiteCode(94579000, Secondary malignant neoplasm of skin, skin)
* insert SiteCode(39937001, Skin structure, skin)
* insert SiteCode(2748008, Spinal cord structure, spinal-cord)
// A history code names a site that is no longer current: related, and never listed in profile.sites.
* group[=].element[+].code = #1098951000119108
* group[=].element[=].display = "History of cancer metastatic to liver"
* group[=].element[=].target[+].code = #liver
* group[=].element[=].target[=].equivalence = #relatedto
* group[=].element[=].target[=].comment = "History only: makes the profile metastatic, but is not a current site."

// ICD-10-CM secondary neoplasm codes (pattern 3).
* group[+].source = "http://hl7.org/fhir/sid/icd-10-cm"
* group[=].target = "http://mbcfhiredu.example.org/fhir/CodeSystem/mbcedu-site-key"
* insert SiteCategory(C79.7, Secondary malignant neoplasm of adrenal gland, adrenal)
* insert SiteCategory(C79.5, Secondary malignant neoplasm of bone and bone marrow, bone)
* insert SiteCategory(C7B.03, Secondary carcinoid tumors of bone, bone)
* insert SiteCategory(C79.3, Secondary malignant neoplasm of brain and cerebral meninges, brain)
* insert SiteCategory(C79.31, Secondary malignant neoplasm of brain, brain)
* insert SiteCategory(C79.81, Secondary malignant neoplasm of breast, contralateral-breast)
* insert SiteCategory(C79.32, Secondary malignant neoplasm of cerebral meninges, leptomeninges)
* insert SiteCategory(C78.7, Secondary malignant neoplasm of liver and intrahepatic bile duct, liver)
* insert SiteCategory(C7B.02, Secondary carcinoid tumors of liver, liver)
* insert SiteCategory(C78.0, Secondary malignant neoplasm of lung, lung)
* insert SiteCategory(C77, Secondary and unspecified malignant neoplasm of lymph nodes, lymph-nodes)
* insert SiteCategory(C7B.01, Secondary carcinoid tumors of distant lymph nodes, lymph-nodes)
* insert SiteCategory(C79.6, Secondary malignant neoplasm of ovary, ovary)
* insert SiteCategory(C78.6, Secondary malignant neoplasm of retroperitoneum and peritoneum, peritoneum)
* insert SiteCategory(C7B.04, Secondary carcinoid tumors of peritoneum, peritoneum)
* insert SiteCategory(C78.2, Secondary malignant neoplasm of pleura, pleura)
* insert SiteCategory(C79.2, Secondary malignant neoplasm of skin, skin)

// ICD-O-3 topography, as the bodySite of 128462008.
* group[+].source = "http://terminology.hl7.org/CodeSystem/icd-o-3"
* group[=].target = "http://mbcfhiredu.example.org/fhir/CodeSystem/mbcedu-site-key"
* insert SiteCategory(C74, Adrenal gland, adrenal)
* insert SiteCategory(C40, Bones joints and articular cartilage of limbs, bone)
* insert SiteCategory(C41, Bones joints and articular cartilage of other and unspecified sites, bone)
* insert SiteCategory(C42.1, Bone marrow, bone)
* insert SiteCategory(C71, Brain, brain)
* insert SiteCategory(C50, Breast, contralateral-breast)
* insert SiteCategory(C69, Eye and adnexa, eye)
* insert SiteCategory(C70, Meninges, leptomeninges)
* insert SiteCategory(C22.0, Liver, liver)
* insert SiteCategory(C34, Bronchus and lung, lung)
* insert SiteCategory(C77, Lymph nodes, lymph-nodes)
* insert SiteCategory(C56, Ovary, ovary)
* insert SiteCategory(C48, Retroperitoneum and peritoneum, peritoneum)
* insert SiteCategory(C38.4, Pleura, pleura)
* insert SiteCategory(C44, Skin, skin)
* insert SiteCategory(C72.0, Spinal cord, spinal-cord)
