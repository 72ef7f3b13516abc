using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Fhir.Smart;

/// <summary>The checks data annotations cannot express; each failure names its configuration key.</summary>
internal sealed class SmartClientOptionsValidator : IValidateOptions<SmartClientOptions>
{
    public ValidateOptionsResult Validate(string? name, SmartClientOptions options)
    {
        var failures = new List<string>();
        foreach (var issuer in options.AllowedIssuers)
        {
            if (!IssuerAllowList.TryNormalize(issuer, out _))
                failures.Add($"Smart:AllowedIssuers entry '{issuer}' must be an absolute https URL (http only for localhost) without query or fragment.");
        }
        foreach (var origin in options.AuthorizationServerOrigins)
        {
            if (!IssuerAllowList.TryNormalize(origin, out _))
                failures.Add($"Smart:AuthorizationServerOrigins entry '{origin}' must be an absolute https URL (http only for localhost).");
        }
        if (!string.IsNullOrEmpty(options.ClientSecret) && !string.IsNullOrWhiteSpace(options.PrivateKey))
            failures.Add("Set Smart:ClientSecret or Smart:PrivateKey, not both.");
        if (!string.IsNullOrWhiteSpace(options.PrivateKey))
        {
            if (string.IsNullOrWhiteSpace(options.KeyId)) failures.Add("Smart:KeyId is required with Smart:PrivateKey.");
            try
            {
                ClientAssertionFactory.LoadKey(options).Key.Dispose();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
            {
                // The message says what is wrong with the key without echoing it.
                failures.Add($"Smart:PrivateKey could not be loaded for {options.SigningAlgorithm}: {ex.GetType().Name}.");
            }
        }
        if (options.SessionIdleLifetime > options.SessionLifetime)
            failures.Add("Smart:SessionIdleLifetime must not exceed Smart:SessionLifetime.");
        if (options.PerTryTimeout > options.PageLoadDeadline)
            failures.Add("Smart:PerTryTimeout must not exceed Smart:PageLoadDeadline.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
