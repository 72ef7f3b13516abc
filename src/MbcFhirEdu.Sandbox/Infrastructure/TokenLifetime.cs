using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Sandbox.Infrastructure;

/// <summary>nbf/exp checks against the injected <see cref="TimeProvider"/> (IdentityModel's own check reads the system clock).</summary>
internal static class TokenLifetime
{
    public static LifetimeValidator Validator(TimeProvider time, TimeSpan skew) => (notBefore, expires, _, _) =>
    {
        var now = time.GetUtcNow().UtcDateTime;
        return expires is { } exp && exp + skew > now && (notBefore is not { } nbf || nbf - skew <= now);
    };
}
