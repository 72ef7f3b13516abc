using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Sandbox.Features.Fhir;

/// <summary>A parsed search: the supported parameters used (in request order), the page size and the page token.</summary>
internal sealed record SearchRequest(string ResourceType, IReadOnlyList<KeyValuePair<string, string>> Parameters, int Count, string? After)
{
    public const string PageParameter = "_page";

    /// <summary>Unknown parameters are ignored and left out of the self link (FHIR R4 §3.1.1.4 lenient handling);
    /// a modifier or a malformed <c>_count</c>/<c>_page</c> is an error.</summary>
    public static SearchRequest Parse(string resourceType, IQueryCollection query, SandboxOptions options, out string? error)
    {
        error = null;
        var used = new List<KeyValuePair<string, string>>();
        var count = options.DefaultPageSize;
        string? after = null;
        foreach (var (name, values) in query)
        {
            foreach (var value in values.OfType<string>())
            {
                if (name == "_count")
                {
                    if (!int.TryParse(value, out count) || count < 0) error = "_count must be a non-negative integer";
                    count = Math.Min(count, options.MaxPageSize);
                }
                else if (name == PageParameter)
                {
                    after = DecodePage(value);
                    if (after is null) error = "_page is not a page token issued by this server";
                }
                else if (name.Contains(':')) error = $"search modifiers are not supported ({name})";
                else if (SearchParameters.Find(resourceType, name) is not null) used.Add(KeyValuePair.Create(name, value));
            }
        }
        return new SearchRequest(resourceType, used, count, after);
    }

    /// <summary>The page token is the sort key (resource id) of the last entry of the previous page: keyset paging
    /// stays stable when resources are added between pages.</summary>
    public static string EncodePage(string lastId) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes("after:" + lastId));

    private static string? DecodePage(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(token));
            return text.StartsWith("after:", StringComparison.Ordinal) && text.Length > 6 ? text[6..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
