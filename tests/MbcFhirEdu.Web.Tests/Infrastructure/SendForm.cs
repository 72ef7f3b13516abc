using System.Net;
using System.Text.RegularExpressions;

namespace MbcFhirEdu.Web.Tests.Infrastructure;

/// <summary>
/// The send form of a coordinator page (the launched workspace's or the console's; both render the same form): its
/// antiforgery token, form nonce, language and the materials offered.
/// </summary>
internal sealed record SendForm(string Token, string Nonce, string Lang, IReadOnlyList<string> Materials)
{
    public static SendForm Read(string html)
    {
        string Hidden(string name)
        {
            var match = Regex.Match(html, $"<input type=\"hidden\" name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"");
            Assert.True(match.Success, $"no hidden field {name}");
            return WebUtility.HtmlDecode(match.Groups[1].Value);
        }
        var materials = Regex.Matches(html, "<input type=\"checkbox\" name=\"material\" value=\"([a-z0-9-]+)\"").Select(m => m.Groups[1].Value).ToList();
        return new SendForm(Hidden("__RequestVerificationToken"), Hidden("form"), Hidden("lang"), materials);
    }

    /// <summary>The fields a browser posts, in the form's order (the note comes before the list), when <paramref name="note"/>
    /// is typed and <paramref name="materials"/> are ticked.</summary>
    public List<KeyValuePair<string, string>> Fields(IEnumerable<string> materials, string note) =>
    [
        new("__RequestVerificationToken", Token), new("form", Nonce), new("lang", Lang), new("note", note),
        .. materials.Select(m => new KeyValuePair<string, string>("material", m)),
    ];
}
