using Hl7.Fhir.Model;
using MbcFhirEdu.Fhir.Mapping;
using static MbcFhirEdu.Fhir.Mapping.MapContext;

namespace MbcFhirEdu.Fhir.Grouping;

/// <summary>
/// The subject a clinical resource names, as a plain <see cref="ResourceReference"/> (reference, type, display, identifier
/// as written, whatever their JSON kind). Shapes of older FHIR versions are read with a warning: a subject written as a
/// string, and DSTU2's Condition.patient.
/// </summary>
internal static class Subjects
{
    public static ResourceReference? Of(DomainResource resource, MapContext context)
    {
        var written = resource.TryGetValue("subject", out var value) ? value as Base : null;
        var subject = written is null ? null : Plain(written);
        if (subject is { Reference: null } && Overflow(written!, "value") is { } text)
        {
            context.Warn("subject is a string, expected a Reference object; read as the reference");
            subject.Reference = text;
        }
        if (resource is Condition && resource.TryGetValue("patient", out var patient) && patient is Base dstu2)
        {
            context.Warn("'patient' instead of 'subject' (DSTU2 shape); read as the subject");
            subject ??= Plain(dstu2);
        }
        return subject;
    }

    // Read by element name, so Firely's dynamic elements (an unknown element's object) read like a ResourceReference.
    private static ResourceReference Plain(Base written)
    {
        var identifier = written.TryGetValue("identifier", out var id) && id is Base logical
            ? new Identifier(Overflow(logical, "system"), Overflow(logical, "value"))
            : null;
        return new ResourceReference
        {
            Reference = Overflow(written, "reference"), Type = Overflow(written, "type"), Display = Overflow(written, "display"), Identifier = identifier,
        };
    }
}
