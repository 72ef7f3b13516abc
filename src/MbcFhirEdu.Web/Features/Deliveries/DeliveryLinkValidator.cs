using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Features.Deliveries;

/// <summary>
/// A delivery links its material by absolute URL, so the app must know its public origin before it sends anything:
/// in Development the listening address fills it; elsewhere the start stops and names the key.
/// </summary>
internal sealed class DeliveryLinkValidator : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options) =>
        options.PublicBaseUrl is null
            ? ValidateOptionsResult.Fail("Web:PublicBaseUrl is required outside Development (e.g. https://edu.example.org): deliveries link each material under it. Deliveries:PublicBaseUrl overrides it for deliveries alone.")
            : ValidateOptionsResult.Success;
}
