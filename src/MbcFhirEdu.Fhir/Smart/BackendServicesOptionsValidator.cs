using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Fhir.Smart;

/// <summary>Checks at start that a configured Backend Services client has a loadable key of the right kind.</summary>
internal sealed class BackendServicesOptionsValidator : IValidateOptions<BackendServicesOptions>
{
    public ValidateOptionsResult Validate(string? name, BackendServicesOptions options)
    {
        if (!options.IsConfigured) return ValidateOptionsResult.Success;
        if (string.IsNullOrWhiteSpace(options.PrivateKey))
            return ValidateOptionsResult.Fail("BackendServices:PrivateKey is required when BackendServices:ClientId is set.");
        if (string.IsNullOrWhiteSpace(options.KeyId))
            return ValidateOptionsResult.Fail("BackendServices:KeyId is required so the EHR can pick the key from our JWKS.");
        if (options.Scopes.Count == 0 || options.Scopes.Any(s => !s.StartsWith("system/", StringComparison.Ordinal)))
            return ValidateOptionsResult.Fail("BackendServices:Scopes must be system/ scopes (SMART Backend Services).");
        try
        {
            var (_, key) = ClientAssertionFactory.LoadKey(ClientKeySettings.From(options));
            key.Dispose();
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException
                                   or ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            return ValidateOptionsResult.Fail($"BackendServices:PrivateKey could not be loaded ({ex.Message})");
        }
        return ValidateOptionsResult.Success;
    }
}
