using MbcFhirEdu.Web.Infrastructure.ApiAuth;

namespace MbcFhirEdu.Web.Features.Api;

/// <summary>
/// Who an API delivery may be sent as (issue 15): the sender that stands for the API itself (<c>Api:DeliverySender</c>,
/// also the default when the body names none) or a Practitioner/PractitionerRole the calling client is configured to act
/// for (<c>Api:Clients:N:Senders</c>). A reference may be relative or absolute under <c>Api:FhirBase</c>; both name the same.
/// </summary>
internal static class ApiSenders
{
    /// <summary>The sender to record, or the 400/403 problem saying why not.</summary>
    public static (string? Sender, IResult? Refused) Resolve(ApiOptions options, string clientId, string? requested)
    {
        if (requested is null)
        {
            return string.IsNullOrEmpty(options.DeliverySender)
                ? (null, ApiProblem.Of(400, "sender_required",
                    "Name the Communication's sender: a Practitioner or PractitionerRole reference in 'sender' (or configure Api:DeliverySender).", "sender"))
                : (options.DeliverySender, null);
        }
        var wanted = Relative(requested, options.FhirBase);
        var allowed = options.Clients.Where(c => c.ClientId == clientId).SelectMany(c => c.Senders).Append(options.DeliverySender)
            .Any(s => !string.IsNullOrEmpty(s) && Relative(s, options.FhirBase) == wanted);
        return allowed
            ? (requested, null)
            : (null, ApiProblem.Of(403, "sender_not_allowed",
                $"This API client may not send as '{requested}': it may name Api:DeliverySender or a sender listed for it under Api:Clients (ClientId, Senders).",
                "sender", title: "The sender is not one this client acts for"));
    }

    private static string Relative(string reference, string? fhirBase)
    {
        var prefix = fhirBase?.TrimEnd('/') + "/";
        return fhirBase is not null && reference.StartsWith(prefix, StringComparison.Ordinal) ? reference[prefix.Length..] : reference;
    }
}
