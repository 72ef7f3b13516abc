// The identifier system the delivery flow stamps on every Communication it writes. Published as a
// NamingSystem so an EHR integrator can find what the value means and who assigns it.
Instance: MbcEduDeliveryIdSystem
InstanceOf: NamingSystem
Usage: #definition
* id = "delivery-id"
* name = "MbcEduDeliveryId"
* status = #draft
* kind = #identifier
* date = "2026-11-22"
* publisher = "MbcFhirEdu"
* description = "Identifies one delivery of education materials to one patient. Assigned by MbcFhirEdu before the Communication is written and used as its conditional-create key, so a retried send is recognised."
* uniqueId[+].type = #uri
* uniqueId[=].value = "http://mbcfhiredu.example.org/fhir/sid/delivery-id"
* uniqueId[=].preferred = true

Instance: MbcEduMaterialIdSystem
InstanceOf: NamingSystem
Usage: #definition
* id = "material-id"
* name = "MbcEduMaterialId"
* status = #draft
* kind = #identifier
* date = "2026-11-22"
* publisher = "MbcFhirEdu"
* description = "The id of an education material in the MbcFhirEdu library (the same in every language), as in /materials/{lang}/{id}."
* uniqueId[+].type = #uri
* uniqueId[=].value = "http://mbcfhiredu.example.org/fhir/sid/material-id"
* uniqueId[=].preferred = true
