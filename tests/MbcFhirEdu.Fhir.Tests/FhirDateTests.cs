using MbcFhirEdu.Fhir.Mapping;

namespace MbcFhirEdu.Fhir.Tests;

public sealed class FhirDateTests
{
    [Theory]
    [InlineData("2019", 2019, 1, 1)]
    [InlineData("2019-03", 2019, 3, 1)]
    [InlineData("2019-03-16", 2019, 3, 16)]
    [InlineData("2017-07-21T23:41:09-04:00", 2017, 7, 21)]
    [InlineData("2020-03-15T00:00:01+00:00", 2020, 3, 15)]
    [InlineData("2022-12-31T23:59:59.999Z", 2022, 12, 31)]
    [InlineData(" 2024-02-29 ", 2024, 2, 29)]
    [InlineData("2019-04-01 10:00", 2019, 4, 1)]
    public void ToDateOnly_FhirDateForms_GiveTheWrittenDate(string value, int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), FhirDate.ToDateOnly(value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("19")]
    [InlineData("2019-13")]
    [InlineData("2023-02-29")]
    [InlineData("2019-3-1")]
    [InlineData("2019/03/01")]
    [InlineData("0000")]
    [InlineData("2019-03-01X")]
    [InlineData("yesterday")]
    public void ToDateOnly_NotAFhirDate_IsNull(string? value) => Assert.Null(FhirDate.ToDateOnly(value));
}
