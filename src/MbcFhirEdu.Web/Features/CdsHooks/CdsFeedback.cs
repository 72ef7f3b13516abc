using MbcFhirEdu.Data.CdsHooks;
using System.Globalization;
using System.Text.Json;

namespace MbcFhirEdu.Web.Features.CdsHooks;

/// <summary>Reads a CDS Hooks 2.0 feedback body (§"Feedback"): <c>{"feedback": [{card, outcome, ...}]}</c>.</summary>
internal static class CdsFeedback
{
    private const int MaxItems = 100;

    public static (IReadOnlyList<CdsFeedbackRecord>? Items, string? Error) Parse(JsonElement root, string serviceId, string? issuer, DateTimeOffset now)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("feedback", out var list) || list.ValueKind != JsonValueKind.Array)
            return (null, "The body must be an object with a feedback array.");
        if (list.GetArrayLength() is 0 or > MaxItems) return (null, $"feedback must hold 1 to {MaxItems} items.");
        var items = new List<CdsFeedbackRecord>();
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var at = $"feedback[{index++}]";
            if (item.ValueKind != JsonValueKind.Object) return (null, $"{at} must be an object.");
            if (Text(item, "card", 128) is not { } card) return (null, $"{at}.card is required (the card's uuid).");
            if (Text(item, "outcome", 32) is not ("accepted" or "overridden") || Text(item, "outcome", 32) is not { } outcome)
                return (null, $"{at}.outcome must be accepted or overridden.");
            if (Text(item, "outcomeTimestamp", 64) is not { } stamp
                || !DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp))
                return (null, $"{at}.outcomeTimestamp is required (an ISO 8601 instant).");
            var accepted = new List<string>();
            if (item.TryGetProperty("acceptedSuggestions", out var suggestions) && suggestions.ValueKind == JsonValueKind.Array)
            {
                foreach (var s in suggestions.EnumerateArray().Take(MaxItems))
                {
                    if (Text(s, "id", 128) is { } id) accepted.Add(id);
                }
            }
            string? code = null, system = null, comment = null;
            if (item.TryGetProperty("overrideReason", out var reason) && reason.ValueKind == JsonValueKind.Object)
            {
                if (reason.TryGetProperty("reason", out var coding) && coding.ValueKind == JsonValueKind.Object)
                {
                    code = Text(coding, "code", 128);
                    system = Text(coding, "system", 512);
                }
                comment = Text(reason, "userComment", 2000);
            }
            items.Add(new CdsFeedbackRecord(serviceId, card, outcome, accepted, code, system, comment, timestamp, issuer, now));
        }
        return (items, null);
    }

    private static string? Text(JsonElement element, string name, int max) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && value.GetString() is { Length: > 0 } text ? (text.Length <= max ? text : text[..max]) : null;
}
