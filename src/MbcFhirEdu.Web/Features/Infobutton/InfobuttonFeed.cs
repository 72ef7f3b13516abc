using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using MbcFhirEdu.Core.Materials;
using MbcFhirEdu.Web.Infrastructure;

namespace MbcFhirEdu.Web.Features.Infobutton;

/// <summary>
/// The knowledge response as MedlinePlus Connect shapes it (Infobutton SOA implementation guide: an Atom 1.0 feed,
/// RFC 4287): feed title, subtitle, the request echoed as <c>category</c> elements (scheme = parameter name), and one
/// entry per material with <c>title</c>, a <c>link</c> to <c>/materials/{lang}/{id}</c> and a <c>summary</c>. The JSON
/// form is the same feed as JSON (element text under <c>_value</c>, as MedlinePlus Connect's JSON does).
/// </summary>
public sealed record InfobuttonFeed(InfobuttonRequest Request, IReadOnlyList<Material> Materials, string BaseUrl, DateTimeOffset Updated)
{
    private const string AtomNs = "http://www.w3.org/2005/Atom";
    public const string Title = "MbcFhirEdu education materials";

    public string Subtitle => Request.Language == "es"
        ? $"Materiales de MbcFhirEdu para {Label}"
        : $"MbcFhirEdu materials for {Label}";

    private string Label => $"{InfobuttonRequest.Systems[Request.CodeSystemOid]} {Request.Code.Value}" + (Request.DisplayName is { } dn ? $" ({dn})" : "");

    public string Link(Material material) => PublicUrls.Material(BaseUrl, Request.Language, material.Id);

    private IEnumerable<(string Scheme, string Term)> Categories()
    {
        yield return ("mainSearchCriteria.v.c", Request.Code.Value);
        yield return ("mainSearchCriteria.v.cs", Request.CodeSystemOid);
        if (Request.DisplayName is { } dn) yield return ("mainSearchCriteria.v.dn", dn);
        yield return ("informationRecipient", Request.Recipient);
        yield return ("informationRecipient.languageCode.c", Request.Language);
    }

    public string ToAtom()
    {
        var output = new StringBuilder();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false, Encoding = Encoding.UTF8 }))
        {
            xml.WriteStartElement("feed", AtomNs);
            xml.WriteAttributeString("xml", "lang", null, Request.Language);
            xml.WriteAttributeString("xml", "base", null, BaseUrl + "/");
            xml.WriteElementString("title", AtomNs, Title);
            xml.WriteElementString("subtitle", AtomNs, Subtitle);
            xml.WriteElementString("id", AtomNs, $"{BaseUrl}/infobutton?mainSearchCriteria.v.cs={Request.CodeSystemOid}&mainSearchCriteria.v.c={Uri.EscapeDataString(Request.Code.Value)}&informationRecipient.languageCode.c={Request.Language}");
            xml.WriteElementString("updated", AtomNs, Stamp);
            xml.WriteStartElement("author", AtomNs);
            xml.WriteElementString("name", AtomNs, "MbcFhirEdu");
            xml.WriteEndElement();
            foreach (var (scheme, term) in Categories())
            {
                xml.WriteStartElement("category", AtomNs);
                xml.WriteAttributeString("scheme", scheme);
                xml.WriteAttributeString("term", term);
                xml.WriteEndElement();
            }
            foreach (var material in Materials)
            {
                xml.WriteStartElement("entry", AtomNs);
                xml.WriteAttributeString("xml", "lang", null, material.Language);
                xml.WriteStartElement("title", AtomNs);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(material.Title);
                xml.WriteEndElement();
                xml.WriteStartElement("link", AtomNs);
                xml.WriteAttributeString("href", Link(material));
                xml.WriteAttributeString("rel", "alternate");
                xml.WriteAttributeString("type", "text/html");
                xml.WriteAttributeString("hreflang", material.Language);
                xml.WriteAttributeString("title", material.Title);
                xml.WriteEndElement();
                xml.WriteElementString("id", AtomNs, Link(material));
                // A draft (Development only) has no review date yet: the feed's own time stands in.
                xml.WriteElementString("updated", AtomNs, material.ReviewedOn is { } reviewed ? reviewed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z" : Stamp);
                xml.WriteStartElement("summary", AtomNs);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(material.Summary);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        // StringBuilder output declares utf-16; the response is UTF-8.
        return output.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    public string ToJson() => JsonSerializer.Serialize(new
    {
        feed = new
        {
            lang = Request.Language,
            title = new { _value = Title },
            subtitle = new { _value = Subtitle },
            updated = new { _value = Stamp },
            author = new { name = new { _value = "MbcFhirEdu" } },
            category = Categories().Select(c => new { scheme = c.Scheme, term = c.Term }).ToArray(),
            entry = Materials.Select(m => new
            {
                lang = m.Language,
                title = new { _value = m.Title, type = "text" },
                link = new[] { new { href = Link(m), rel = "alternate", type = "text/html", hreflang = m.Language, title = m.Title } },
                id = new { _value = Link(m) },
                summary = new { _value = m.Summary, type = "text" },
            }).ToArray(),
        },
    }, Features.CdsHooks.CdsResponse.Json);

    private string Stamp => Updated.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
