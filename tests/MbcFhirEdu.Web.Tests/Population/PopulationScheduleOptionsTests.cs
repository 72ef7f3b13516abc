using System.ComponentModel.DataAnnotations;
using MbcFhirEdu.Web.Features.Population;
using MbcFhirEdu.Web.Infrastructure;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace MbcFhirEdu.Web.Tests.Population;

/// <summary>
/// <c>Population:Schedule</c>: off by default outside Development; in Development with the sandbox hosted it exports the
/// sandbox's cohort Group; explicit values win; enabled without a FHIR base (or with a bad one) is refused at start.
/// </summary>
public sealed class PopulationScheduleOptionsTests
{
    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "MbcFhirEdu.Web";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static PopulationScheduleOptions Configure(string environment, bool sandbox, Action<PopulationScheduleOptions>? set = null)
    {
        var options = new PopulationScheduleOptions();
        set?.Invoke(options);
        new PopulationScheduleDefaults(new AppBaseUrl("http://localhost:5080"), new SandboxHosting(sandbox), new Environment(environment))
            .PostConfigure(null, options);
        return options;
    }

    private static List<string> Problems(PopulationScheduleOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage!)];
    }

    [Fact]
    public void Outside_Development_the_schedule_is_off_unless_enabled()
    {
        var options = Configure(Environments.Production, sandbox: false);

        Assert.False(options.Enabled);
        Assert.Null(options.FhirBase);
        Assert.Empty(Problems(options));
    }

    [Fact]
    public void In_Development_the_schedule_exports_the_hosted_sandbox_cohort()
    {
        var options = Configure(Environments.Development, sandbox: true);

        Assert.True(options.Enabled);
        Assert.Equal("http://localhost:5080/sandbox/fhir", options.FhirBase);
        Assert.Equal(PopulationScheduleDefaults.SandboxGroupId, options.GroupId);
        Assert.Empty(Problems(options));
    }

    [Fact]
    public void In_Development_without_an_EHR_to_export_from_the_schedule_stays_off()
    {
        Assert.False(Configure(Environments.Development, sandbox: false).Enabled);
    }

    [Fact]
    public void Explicit_settings_win_over_the_defaults()
    {
        var options = Configure(Environments.Development, sandbox: true, o =>
        {
            o.Enabled = false;
            o.FhirBase = "https://ehr.example.org/fhir";
        });

        Assert.False(options.Enabled);
        Assert.Equal("https://ehr.example.org/fhir", options.FhirBase);
        Assert.Null(options.GroupId); // another EHR: every patient (Patient/$export), not the sandbox's Group
    }

    [Theory]
    [InlineData(null, null, "Population:Schedule:FhirBase is required")]
    [InlineData("ftp://ehr.example.org/fhir", null, "Population:Schedule:FhirBase must be")]
    [InlineData("http://ehr.example.org/fhir", null, "Population:Schedule:FhirBase must be")]
    [InlineData("https://ehr.example.org/fhir", "a group", "Population:Schedule:GroupId must be")]
    public void An_enabled_schedule_without_a_valid_base_or_group_is_refused_naming_the_key(string? fhirBase, string? group, string problem)
    {
        var options = Configure(Environments.Production, sandbox: false, o =>
        {
            o.Enabled = true;
            o.FhirBase = fhirBase;
            o.GroupId = group;
        });

        Assert.Contains(Problems(options), p => p.StartsWith(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void The_app_refuses_to_start_with_an_enabled_schedule_and_no_FHIR_base()
    {
        using var app = Infrastructure.WebAppFactory.With(new Dictionary<string, string?>
        {
            ["Sandbox:Enabled"] = "false",
            ["Population:Schedule:Enabled"] = "true",
        });

        var error = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains("Population:Schedule:FhirBase is required", error.ToString(), StringComparison.Ordinal);
    }
}
