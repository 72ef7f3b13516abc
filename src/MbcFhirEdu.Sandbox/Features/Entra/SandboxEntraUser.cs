namespace MbcFhirEdu.Sandbox.Features.Entra;

/// <summary>A test user (<c>Sandbox:Entra:Users:{name}</c>).</summary>
public sealed class SandboxEntraUser
{
    /// <summary>The object id (<c>oid</c>), e.g. a GUID; also the <c>sub</c>.</summary>
    public string Oid { get; set; } = "";

    /// <summary>Display name (<c>name</c>).</summary>
    public string Name { get; set; } = "";

    /// <summary>Sign-in name (<c>preferred_username</c>, matched by <c>login_hint</c>), e.g. <c>coordinator@contoso.test</c>.</summary>
    public string Username { get; set; } = "";

    /// <summary>App roles assigned to the user, e.g. <c>Education.Coordinator</c>; a token carries those the target app defines.</summary>
    public List<string> Roles { get; set; } = [];
}
