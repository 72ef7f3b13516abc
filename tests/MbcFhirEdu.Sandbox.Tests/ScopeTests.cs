using MbcFhirEdu.Sandbox.Features.Auth;

namespace MbcFhirEdu.Sandbox.Tests;

public sealed class ScopeTests
{
    private static readonly string[] DevClient = ["openid", "fhirUser", "launch/patient", "offline_access", "patient/*.cruds", "user/*.cruds"];

    [Theory]
    [InlineData("patient/*.rs", "patient/*.rs")]
    [InlineData("patient/*.read", "patient/*.read")]
    [InlineData("patient/Observation.rs?category=laboratory", "patient/Observation.rs?category=laboratory")]
    [InlineData("user/Communication.c", "user/Communication.c")]
    [InlineData("patient/*.*", "patient/*.*")]
    [InlineData("system/*.rs", "")]
    [InlineData("patient/*.sr", "")]
    [InlineData("patient/observation.rs", "")]
    [InlineData("launch/encounter", "")]
    public void Grant_KeepsWhatTheClientMayHave(string requested, string expected)
    {
        var granted = ScopeGranter.Grant([requested], DevClient, ScopeContext.Patient, ScopeContext.User);

        Assert.Equal(expected, string.Join(' ', granted));
    }

    [Fact]
    public void Grant_NarrowsPermissionsAndTypesToTheRegistration()
    {
        string[] registration = ["patient/Condition.rs", "patient/Patient.r"];

        var granted = ScopeGranter.Grant(["patient/*.cruds", "patient/*.read"], registration, ScopeContext.Patient);

        Assert.Equal(["patient/Condition.rs", "patient/Patient.r", "patient/Condition.read"], granted);
    }

    [Fact]
    public void Grant_PrefersOfflineOverOnlineAccess()
    {
        string[] registration = ["offline_access", "online_access", "patient/*.rs"];

        Assert.Equal(["offline_access", "patient/*.rs"], ScopeGranter.Grant(["online_access", "offline_access", "patient/*.rs"], registration, ScopeContext.Patient));
    }

    [Theory]
    [InlineData("patient/Observation.read", "Patient", "Observation", "rs", true)]
    [InlineData("user/*.write", "User", "*", "cud", true)]
    [InlineData("system/Patient.cruds", "System", "Patient", "cruds", false)]
    public void Parse_ReadsV1AndV2Forms(string scope, string context, string type, string permissions, bool v1)
    {
        var parsed = ResourceScope.Parse(scope)!;

        Assert.Equal((context, type, permissions, v1), (parsed.Context.ToString(), parsed.ResourceType, parsed.Permissions, parsed.IsV1));
        Assert.Equal(scope, parsed.ToString());
    }
}
