using MbcFhirEdu.Sandbox.Features.Auth;

namespace MbcFhirEdu.Sandbox.Tests;

public sealed class UriPatternTests
{
    [Theory]
    [InlineData("http://localhost:5080/callback", "http://localhost:5080/callback", true)]
    [InlineData("http://localhost:5080/callback", "http://localhost:5081/callback", false)]
    [InlineData("http://127.0.0.1:*/callback", "http://127.0.0.1:49152/callback", true)]
    [InlineData("http://127.0.0.1:*/callback", "http://127.0.0.1/callback", true)]
    [InlineData("http://127.0.0.1:*/callback", "http://127.0.0.1:49152/callback?x=1", false)]
    [InlineData("http://127.0.0.1:*/callback", "http://127.0.0.2:49152/callback", false)]
    [InlineData("http://127.0.0.1:*/callback", "https://127.0.0.1:49152/callback", false)]
    [InlineData("http://127.0.0.1:*/callback", "http://user@127.0.0.1:49152/callback", false)]
    [InlineData("https://app.example.test:*/callback", "https://app.example.test:8443/callback", false)]
    public void Matches_ExactOrLoopbackAnyPort(string pattern, string candidate, bool expected) =>
        Assert.Equal(expected, UriPattern.Matches(pattern, candidate));

    [Theory]
    [InlineData("http://127.0.0.1:*/callback", true)]
    [InlineData("https://app.example.test/callback", true)]
    [InlineData("https://app.example.test:*/callback", false)]
    [InlineData("/callback", false)]
    [InlineData("ftp://app.example.test/callback", false)]
    public void IsValidPattern_AllowsTheWildcardOnlyOnLoopback(string pattern, bool expected) =>
        Assert.Equal(expected, UriPattern.IsValidPattern(pattern));
}
