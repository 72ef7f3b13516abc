namespace MbcFhirEdu.Web.Infrastructure.RateLimiting;

/// <summary>One caller under one limit: the policy (<c>launch</c>, <c>api</c>, <c>cds</c>, <c>infobutton</c>), what identifies
/// the caller (<c>ip</c> or <c>client</c>) and its value. The default key is "not limited".</summary>
internal readonly record struct RateLimitKey(string? Policy, string Kind, string Value)
{
    public static RateLimitKey None => default;
}
