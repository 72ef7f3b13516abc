namespace MbcFhirEdu.Web.Infrastructure.ApiAuth;

/// <summary>App roles as Entra ID issues them in the <c>roles</c> claim, and the policies built on them.</summary>
public static class ApiRoles
{
    public const string Read = "Education.Read";
    public const string Send = "Education.Send";
    public const string Admin = "Education.Admin";

    /// <summary>The claim that carries app roles (Entra ID v1 and v2 tokens).</summary>
    public const string ClaimType = "roles";

    /// <summary>The API's authentication scheme; no browser cookie is ever accepted on it.</summary>
    public const string Scheme = "ApiBearer";

    public const string ReadPolicy = "api-read";
    public const string SendPolicy = "api-send";
    public const string AdminPolicy = "api-admin";
}
