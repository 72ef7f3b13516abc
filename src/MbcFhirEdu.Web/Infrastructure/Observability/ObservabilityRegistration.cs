using MbcFhirEdu.Fhir.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MbcFhirEdu.Web.Infrastructure.Observability;

/// <summary>
/// Logs, health checks and OpenTelemetry for the host.
/// <list type="bullet">
/// <item>Console logs as one JSON object per line (<c>Logging:Format</c> = <c>json</c>, the default outside
/// Development) with scopes (trace and request ids); <c>simple</c> gives the usual text.</item>
/// <item>Readiness checks tagged <see cref="HealthTags.Ready"/>, served as JSON at <c>/health/ready</c>.</item>
/// <item>OpenTelemetry traces and metrics over OTLP, only when <c>OpenTelemetry:OtlpEndpoint</c> (or the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) is set: inbound requests, outbound HTTP, .NET runtime, and the
/// <see cref="EduMetrics.Name"/> meter and activity source, and the FHIR client's <see cref="FhirClientMetrics.MeterName"/> meter.</item>
/// </list>
/// </summary>
internal static class ObservabilityRegistration
{
    public const string LogFormatKey = "Logging:Format";
    public const string OtlpEndpointKey = "OpenTelemetry:OtlpEndpoint";
    public const string OtlpProtocolKey = "OpenTelemetry:OtlpProtocol";

    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        // Decided from the built configuration (tests and every other source included), after AddJsonConsole's default.
        builder.Services.AddOptions<ConsoleLoggerOptions>().Configure<IConfiguration, IHostEnvironment>((options, configuration, environment) =>
            options.FormatterName = UsesJsonLogs(configuration, environment) ? ConsoleFormatterNames.Json : ConsoleFormatterNames.Simple);

        builder.Services.AddHealthChecks();
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton<EduMetrics>();

        if (OtlpEndpoint(builder.Configuration) is { } endpoint) builder.Services.AddOtlpTelemetry(endpoint, OtlpProtocol(builder.Configuration));
        return builder;
    }

    public static bool UsesJsonLogs(IConfiguration configuration, IHostEnvironment environment) =>
        configuration[LogFormatKey] is { Length: > 0 } format
            ? !string.Equals(format, "simple", StringComparison.OrdinalIgnoreCase)
            : !environment.IsDevelopment();

    public static Uri? OtlpEndpoint(IConfiguration configuration)
    {
        var value = configuration[OtlpEndpointKey] is { Length: > 0 } own ? own : configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(value)) return null;
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new InvalidOperationException($"{OtlpEndpointKey} must be an absolute http(s) URL, e.g. http://otel-collector:4317.");
    }

    private static OtlpExportProtocol OtlpProtocol(IConfiguration configuration) =>
        (configuration[OtlpProtocolKey] ?? configuration["OTEL_EXPORTER_OTLP_PROTOCOL"]) switch
        {
            null or "" or "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            var other => throw new InvalidOperationException($"{OtlpProtocolKey} must be grpc or http/protobuf, not '{other}'."),
        };

    private static void AddOtlpTelemetry(this IServiceCollection services, Uri endpoint, OtlpExportProtocol protocol)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName: "mbcfhiredu-web", serviceVersion: typeof(Program).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing => tracing
                .AddSource(EduMetrics.Name)
                .AddAspNetCoreInstrumentation(o =>
                {
                    // Probes would drown the traces; the sandbox (development only) has patient ids in its paths.
                    o.Filter = context => !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments(SecurityHeaders.SandboxPrefix);
                    o.EnrichWithHttpRequest = (activity, _) => TelemetryRedaction.RedactInbound(activity);
                })
                .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = (activity, request) => TelemetryRedaction.RedactOutbound(activity, request.RequestUri)))
            .WithMetrics(metrics => metrics
                .AddMeter(EduMetrics.Name, FhirClientMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .UseOtlpExporter(protocol, protocol == OtlpExportProtocol.HttpProtobuf ? HttpBase(endpoint) : endpoint);
    }

    // UseOtlpExporter appends /v1/traces and /v1/metrics to an http/protobuf base address.
    private static Uri HttpBase(Uri endpoint) => new(endpoint.GetLeftPart(UriPartial.Authority) + endpoint.AbsolutePath.TrimEnd('/') + "/");
}
