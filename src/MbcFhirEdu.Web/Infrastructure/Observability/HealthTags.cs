namespace MbcFhirEdu.Web.Infrastructure.Observability;

/// <summary>
/// Tags of health checks. A check tagged <see cref="Ready"/> decides <c>/health/ready</c>:
/// <c>services.AddHealthChecks().AddCheck&lt;MyCheck&gt;("name", tags: [HealthTags.Ready])</c>.
/// </summary>
public static class HealthTags
{
    public const string Ready = "ready";
}
