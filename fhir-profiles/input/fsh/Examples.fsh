// One conforming example of each profile, modelled on the sandbox patient de-novo-bone-pik3ca
// (src/MbcFhirEdu.Sandbox/Data), so an integrator sees real-looking references.

Instance: ExampleEducationBoneMetastases
InstanceOf: MbcEducationDocumentReference
Usage: #example
Title: "Example: bone metastases material for a patient with spread to bone"
Description: "What $education returns for one material: the public page, its language, and the Condition that made it fit."
* id = "example-education-bone-metastases"
* identifier[materialId].value = "bone-metastases"
* status = #current
* type = $LNC#34895-3 "Education note"
* subject = Reference(Patient/de-novo-bone-pik3ca)
* date = "2026-11-22T09:30:00Z"
* description = "The bones are the most common place for breast cancer to spread. Learn what you may feel, what can go wrong, and how it is treated."
* language = #en
* content.attachment.contentType = #text/html
* content.attachment.language = #en
* content.attachment.url = "https://mbcfhiredu.example.org/materials/en/bone-metastases"
* content.attachment.title = "When breast cancer spreads to the bones"
* context.related[+] = Reference(Condition/de-novo-bone-pik3ca-met-bone)
* context.related[=].display = "Secondary malignant neoplasm of bone"

Instance: ExampleEducationDelivery
InstanceOf: MbcEducationDeliveryCommunication
Usage: #example
Title: "Example: a care coordinator sends two materials"
Description: "The Communication written back to the EHR when a coordinator sends materials; the delivery id makes a retry a no-op."
* id = "example-education-delivery"
* identifier[deliveryId].value = "3f1c2a9e-5b7d-4e21-9c0a-6d8e4b2f1a77"
* status = #completed
* category = $COMMCAT#instruction "Instruction"
* subject = Reference(Patient/de-novo-bone-pik3ca)
* recipient = Reference(Patient/de-novo-bone-pik3ca)
* sender = Reference(Practitioner/onc-halloway)
* sent = "2026-11-22T10:05:00Z"
* payload[material][+].contentAttachment.contentType = #text/html
* payload[material][=].contentAttachment.language = #en
* payload[material][=].contentAttachment.url = "https://mbcfhiredu.example.org/materials/en/bone-metastases"
* payload[material][=].contentAttachment.title = "When breast cancer spreads to the bones"
* payload[material][+].contentAttachment.contentType = #text/html
* payload[material][=].contentAttachment.language = #en
* payload[material][=].contentAttachment.url = "https://mbcfhiredu.example.org/materials/en/variant-pik3ca"
* payload[material][=].contentAttachment.title = "A PIK3CA change in your cancer"
* payload[message].contentString = "Your care team shared two reading materials with you. You can find them in your patient portal."
