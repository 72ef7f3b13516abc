namespace MbcFhirEdu.Web.Infrastructure.ApiAuth;

/// <summary>
/// One API client (<c>Api:Clients:N</c>): whom it may name as a delivery's <c>sender</c>. A client with no entry may send
/// only as <c>Api:DeliverySender</c> (issue 15: a client must not sign a Communication as any practitioner it likes).
/// </summary>
public sealed class ApiClientOptions
{
    /// <summary>The OAuth client id the token names (<c>azp</c>, <c>appid</c> or <c>client_id</c>).</summary>
    public string ClientId { get; set; } = "";

    /// <summary>Practitioner or PractitionerRole references this client acts for, e.g. <c>Practitioner/123</c>.</summary>
    public List<string> Senders { get; set; } = [];
}
