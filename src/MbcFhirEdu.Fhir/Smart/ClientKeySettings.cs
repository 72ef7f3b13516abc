namespace MbcFhirEdu.Fhir.Smart;

/// <summary>What signs one registration's <c>private_key_jwt</c> assertions; <see cref="Section"/> names it in errors.</summary>
internal sealed record ClientKeySettings(string ClientId, string? PrivateKey, string? KeyId, string SigningAlgorithm, string Section)
{
    public static ClientKeySettings From(SmartClientOptions o) => new(o.ClientId, o.PrivateKey, o.KeyId, o.SigningAlgorithm, SmartClientOptions.SectionName);

    public static ClientKeySettings From(BackendServicesOptions o) =>
        new(o.ClientId, o.PrivateKey, o.KeyId, o.SigningAlgorithm, BackendServicesOptions.SectionName);

    // The private key (or its path) never reaches a log through the record's generated ToString.
    public override string ToString() => $"ClientKeySettings {{ Section = {Section}, SigningAlgorithm = {SigningAlgorithm} }}";
}
