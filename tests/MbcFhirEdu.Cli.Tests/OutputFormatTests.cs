using System.Text.Json;

namespace MbcFhirEdu.Cli.Tests;

/// <summary>Issue 20's CLI details: grammatical error lines, and <c>--pretty</c> on profile and recommend.</summary>
public sealed class OutputFormatTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("mbcedu-cli-format-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string TwoPatients() => Write("two.json", """
        {"resourceType":"Bundle","type":"collection","entry":[
          {"resource":{"resourceType":"Patient","id":"p1","gender":"female"}},
          {"resource":{"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/p1"},
            "code":{"coding":[{"system":"http://snomed.info/sct","code":"94222008"}]}}},
          {"resource":{"resourceType":"Patient","id":"p2","gender":"female"}}
        ]}
        """);

    [Theory]
    [InlineData("[1, 2]", "is an array,")]
    [InlineData("\"text\"", "is a string,")]
    [InlineData("42", "is a number,")]
    public void Profile_OfAJsonValueThatIsNoResource_NamesItsKindWithTheRightArticle(string json, string expected)
    {
        var result = Cli.Run("profile", Write("value.json", json));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.Error);
        Assert.DoesNotContain("a array", result.Error);
    }

    [Theory]
    [InlineData("profile")]
    [InlineData("recommend")]
    public void WithoutPretty_EachPatientIsOneJsonObjectOnOneLine(string command)
    {
        var result = Cli.Run(command, TwoPatients());

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(l).RootElement.ValueKind));
    }

    [Theory]
    [InlineData("profile")]
    [InlineData("recommend")]
    public void Pretty_IndentsEachPatientsJson_WithTheSameContent(string command)
    {
        var path = TwoPatients();
        var compact = Cli.Run(command, path).JsonLines();

        var result = Cli.Run(command, path, "--pretty");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("{\n  \"patient\": \"Patient/p1\",\n  \"", result.Out.Replace("\r\n", "\n"));
        // The indented objects (each ends with a "}" line of its own) are the compact ones.
        var pretty = System.Text.RegularExpressions.Regex.Split(result.Out.Replace("\r\n", "\n").Trim(), @"(?<=^\})\n", System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.Equal(compact.Select(c => JsonSerializer.Serialize(c)), pretty.Select(p => JsonSerializer.Serialize(JsonDocument.Parse(p).RootElement)));
    }
}
