// What the care-coordinator flow writes back to the EHR when it sends materials to a patient. It is
// created with conditional create (If-None-Exist on the delivery id) so a retry never duplicates it.

Profile: MbcEducationDeliveryCommunication
Parent: Communication
Id: mbc-education-delivery-communication
Title: "MbcFhirEdu education delivery"
Description: """
Education materials a clinician or care coordinator sent to a patient through MbcFhirEdu. Each material is
a payload attachment pointing at its public page; one payload string carries the message shown with them.

Derived from base R4 Communication; US Core defines no Communication profile, and mCODE none for
education, so no dependency is needed.
"""
* ^status = #draft
* ^experimental = false
* ^publisher = "MbcFhirEdu"

* identifier 1..* MS
* identifier ^slicing.discriminator.type = #value
* identifier ^slicing.discriminator.path = "system"
* identifier ^slicing.rules = #open
* identifier ^slicing.description = "The delivery id; the conditional create matches on it."
* identifier contains deliveryId 1..1 MS
* identifier[deliveryId].system 1..1
* identifier[deliveryId].system = $DeliveryId
* identifier[deliveryId].value 1..1

// Written once the delivery is recorded; a failed send writes nothing.
* status = #completed
* status MS

* category 1..1 MS
* category = $COMMCAT#instruction "Instruction"

* subject 1..1 MS
* subject only Reference(Patient)
* recipient 1..1 MS
* recipient only Reference(Patient)
* sender 1..1 MS
* sender only Reference(Practitioner or PractitionerRole)
* sent 1..1 MS

* payload 2..* MS
* payload ^slicing.discriminator.type = #type
* payload ^slicing.discriminator.path = "content"
* payload ^slicing.rules = #closed
* payload ^slicing.description = "The materials as attachments and the covering message as a string."
* payload contains material 1..* MS and message 1..1 MS
* payload[material].content[x] only Attachment
* payload[material].contentAttachment.url 1..1 MS
* payload[material].contentAttachment.title 1..1 MS
* payload[material].contentAttachment.language 1..1 MS
* payload[material].contentAttachment.contentType 1..1 MS
* payload[message].content[x] only string
* payload[message] ^short = "The message shown with the materials, in the patient's language"
