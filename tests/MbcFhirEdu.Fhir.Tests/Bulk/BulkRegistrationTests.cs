using MbcFhirEdu.Fhir.Bulk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Fhir.Tests.Bulk;

/// <summary>AddBulkData: the options bound from "BulkData" and checked.</summary>
public sealed class BulkRegistrationTests
{
    [Theory]
    [InlineData("BulkData:ExportDeadline", "00:00:00", "ExportDeadline")]
    [InlineData("BulkData:MaxFileBytes", "12", "MaxFileBytes")]
    [InlineData("BulkData:Scope", "", "Scope")]
    public async Task BadSetting_FailsNamingTheKey(string key, string value, string named)
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server, new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<BulkDataOptions>>().Value);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_AreBoundFromTheBulkDataSection()
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server, new() { ["BulkData:DownloadTimeout"] = "00:07:00" });

        Assert.Equal(TimeSpan.FromMinutes(7), host.Services.GetRequiredService<IOptions<BulkDataOptions>>().Value.DownloadTimeout);
    }
}
