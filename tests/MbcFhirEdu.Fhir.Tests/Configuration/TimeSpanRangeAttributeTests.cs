using System.ComponentModel.DataAnnotations;
using MbcFhirEdu.Fhir.Configuration;
using MbcFhirEdu.Fhir.Smart;

namespace MbcFhirEdu.Fhir.Tests.Configuration;

public sealed class TimeSpanRangeAttributeTests
{
    [Theory]
    [InlineData("00:00:01", true)]
    [InlineData("00:01:00", true)]
    [InlineData("00:02:00", true)]
    [InlineData("00:00:00.999", false)]
    [InlineData("00:02:00.001", false)]
    public void Bounds_AreInclusive(string value, bool valid)
    {
        var attribute = new TimeSpanRangeAttribute("00:00:01", "00:02:00");

        Assert.Equal(valid, attribute.IsValid(TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void ErrorMessage_NamesTheFieldAndBothBounds()
    {
        var attribute = new TimeSpanRangeAttribute("00:00:30", "01:00:00");

        Assert.Equal("The field StateLifetime must be between 00:00:30 and 01:00:00.", attribute.FormatErrorMessage("StateLifetime"));
    }

    [Fact]
    public void MinimumAboveMaximum_IsRefusedWhenDeclared()
    {
        Assert.Throws<ArgumentException>(() => new TimeSpanRangeAttribute("00:10:00", "00:01:00"));
    }

    // The reason this attribute exists: [Range(typeof(TimeSpan), …)] failed CI once with InvalidCastException when two
    // test hosts validated SmartClientOptions at the same moment. Validate one shared options type from many threads
    // at once, as DataAnnotations' attribute cache makes every host do; a single wrong result or exception fails.
    [Fact]
    public async Task ManyThreadsValidatingOneOptionsType_AllGetTheSameAnswer()
    {
        var bad = new SmartClientOptions { StateLifetime = TimeSpan.FromDays(2) };
        using var start = new Barrier(8);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            var errors = new List<ValidationResult>();
            for (var i = 0; i < 200; i++)
            {
                errors.Clear();
                Validator.TryValidateObject(bad, new ValidationContext(bad), errors, validateAllProperties: true);
                if (!errors.Any(e => e.MemberNames.Contains(nameof(SmartClientOptions.StateLifetime))))
                {
                    return false;
                }
            }

            return true;
        })));

        Assert.All(results, Assert.True);
    }

    [Fact]
    public void NoOptionsClassUsesTheRaceProneRangeForTimeSpans()
    {
        var offenders = Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadLines(f).Any(line => line.TrimStart().StartsWith("[Range(typeof(TimeSpan)", StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(TestPaths.RepoRoot, f))
            .ToList();

        Assert.True(offenders.Count == 0, "Use [TimeSpanRange] instead of [Range(typeof(TimeSpan), …)] in: " + string.Join(", ", offenders));
    }
}
