// What MbcFhirEdu needs from an EHR's FHIR server (client) and what it serves itself (server).
// An EHR administrator compares the first with their own server's metadata before enabling the app.

RuleSet: SearchParam(name, definition, type, documentation)
* rest[=].resource[=].searchParam[+].name = "{name}"
* rest[=].resource[=].searchParam[=].definition = "{definition}"
* rest[=].resource[=].searchParam[=].type = #{type}
* rest[=].resource[=].searchParam[=].documentation = "{documentation}"

RuleSet: Expect(level)
* rest[=].resource[=].extension[$expectation].valueCode = #{level}

Instance: MbcEduClientReads
InstanceOf: CapabilityStatement
Usage: #definition
Title: "What MbcFhirEdu reads from and writes to an EHR"
Description: "The interactions MbcFhirEdu performs as a SMART on FHIR client of an EHR's FHIR R4 server. A server that supports the SHALL rows and grants the scopes listed in rest.security can run every MbcFhirEdu feature."
* id = "mbcedu-client-reads"
* url = "http://mbcfhiredu.example.org/fhir/CapabilityStatement/mbcedu-client-reads"
* name = "MbcEduClientReads"
* insert MbcEduDefinition
* date = "2026-11-22"
* kind = #requirements
* fhirVersion = #4.0.1
* format[+] = #json

* rest[+].mode = #client
* rest[=].documentation = """
One patient at a time: a Patient read and three searches in parallel (Condition; Observation with
category=laboratory; Observation by the stage, TNM, receptor and metastasis codes whatever their category,
because real feeds file those under survey, exam, imaging or nothing). Every search follows Bundle.link
next pages up to a size limit. Results are matched on system and code as fhir-profiles' value sets list
them.
"""
* rest[=].security.service = $SECSVC#SMART-on-FHIR "SMART-on-FHIR"
* rest[=].security.description = """
SMART App Launch 2.2. Scopes asked for (v2 syntax when the server advertises permission-v2, else the v1
.read form):
- context: launch (EHR launch) or launch/patient (standalone), plus openid fhirUser;
- reading: patient/Patient.rs patient/Condition.rs patient/Observation.rs, and patient/DiagnosticReport.rs
  where available; user/... instead of patient/... for a clinician's standalone launch;
- sending materials (care coordinators): user/Communication.c, or patient/Communication.c in a patient
  context; system/Communication.c with SMART Backend Services for server-to-server senders;
- offline_access only when the deployment keeps sessions longer than the access token.
A grant narrower than asked for degrades the page and says what is missing; it never fails silently.
"""

* rest[=].resource[+].type = #Patient
* insert Expect(SHALL)
* rest[=].resource[=].documentation = "Read the patient in context: preferred communication language, sex and age for Infobutton."
* rest[=].resource[=].interaction[+].code = #read

* rest[=].resource[+].type = #Condition
* insert Expect(SHALL)
* rest[=].resource[=].documentation = "Primary breast cancer and metastatic sites (mbcedu-primary-breast-cancer, mbcedu-site-*). All three US Core categories are read: problem-list-item, health-concern, encounter-diagnosis."
* rest[=].resource[=].interaction[+].code = #search-type
* insert SearchParam(patient, http://hl7.org/fhir/SearchParameter/clinical-patient, reference, Always sent.)
* insert SearchParam(category, http://hl7.org/fhir/SearchParameter/Condition-category, token, To narrow by US Core category where a server requires it.)
* insert SearchParam(code, http://hl7.org/fhir/SearchParameter/clinical-code, token, system|code tokens joined with commas.)

* rest[=].resource[+].type = #Observation
* insert Expect(SHALL)
* rest[=].resource[=].documentation = "Stage, M category, ER/PR/HER2/PD-L1/Ki-67, genomic variants, sites of metastasis and history of metastatic cancer (mbcedu-observation-*, mbcedu-test-*, mbcedu-history-of-metastatic-cancer)."
* rest[=].resource[=].interaction[+].code = #search-type
* insert SearchParam(patient, http://hl7.org/fhir/SearchParameter/clinical-patient, reference, Always sent.)
* insert SearchParam(category, http://hl7.org/fhir/SearchParameter/Observation-category, token, laboratory for US Core lab results.)
* insert SearchParam(code, http://hl7.org/fhir/SearchParameter/clinical-code, token, system|code tokens joined with commas.)
// _count is a result parameter, not a SearchParameter, so it has no definition; listed because the
// client always sends it and a server that ignores it only costs more pages.
* rest[=].resource[=].searchParam[+].name = "_count"
* rest[=].resource[=].searchParam[=].type = #number
* rest[=].resource[=].searchParam[=].documentation = "Page size (Smart:PageSize), sent with every search."

* rest[=].resource[+].type = #DiagnosticReport
* insert Expect(MAY)
* rest[=].resource[=].documentation = "A site given only as DiagnosticReport.conclusionCode (e.g. 94222008 on a bone scan) is read when the grant includes DiagnosticReport."
* rest[=].resource[=].interaction[+].code = #search-type
* insert SearchParam(patient, http://hl7.org/fhir/SearchParameter/clinical-patient, reference, Always sent.)

* rest[=].resource[+].type = #Communication
* insert Expect(SHOULD)
* rest[=].resource[=].documentation = "Written when a care coordinator sends materials. Conditional create with If-None-Exist: identifier=http://mbcfhiredu.example.org/fhir/sid/delivery-id|{id}, so a retried send finds the first one."
* rest[=].resource[=].supportedProfile[+] = Canonical(MbcEducationDeliveryCommunication)
* rest[=].resource[=].interaction[+].code = #create
* rest[=].resource[=].conditionalCreate = true
* insert SearchParam(identifier, http://hl7.org/fhir/SearchParameter/Communication-identifier, token, Used by the If-None-Exist of the conditional create.)

Instance: MbcEduServer
InstanceOf: CapabilityStatement
Usage: #definition
Title: "What MbcFhirEdu serves"
Description: "MbcFhirEdu's own FHIR endpoint (GET /fhir/metadata returns a statement like this one): the Patient/$education operation, whose results are MbcEducationDocumentReference resources."
* id = "mbcedu-server"
* url = "http://mbcfhiredu.example.org/fhir/CapabilityStatement/mbcedu-server"
* name = "MbcEduServer"
* insert MbcEduDefinition
* date = "2026-11-22"
* kind = #capability
* software.name = "MbcFhirEdu"
* software.version = "0.1.0"
* fhirVersion = #4.0.1
* format[+] = #json

* rest[+].mode = #server
* rest[=].documentation = "Only the $education operation and the capabilities interaction (GET /fhir/metadata, no authorization). Errors are OperationOutcome resources."
* rest[=].security.service = $SECSVC#SMART-on-FHIR "SMART-on-FHIR"
* rest[=].security.description = "The same SMART authorization as the app: a bearer token from the EHR's authorization server. A patient token reaches only its own patient's $education."

* rest[=].resource[+].type = #Patient
* rest[=].resource[=].documentation = "No read or search: the patient's data stays in the EHR. Only the $education operation."
* rest[=].resource[=].operation[+].name = "education"
* rest[=].resource[=].operation[=].definition = Canonical(MbcEduEducationOperation)
* rest[=].resource[=].operation[=].documentation = "GET /fhir/Patient/{id}/$education?language=&audience="

* rest[=].resource[+].type = #DocumentReference
* rest[=].resource[=].documentation = "Returned inside the $education Bundle only; not stored, so there is no read or search."
* rest[=].resource[=].supportedProfile[+] = Canonical(MbcEducationDocumentReference)
