using MbcFhirEdu.Sandbox.Features.Faults;
using MbcFhirEdu.Sandbox.Features.Fhir;

namespace MbcFhirEdu.Sandbox.Features.Bulk;

/// <summary>FHIR Bulk Data Access 2.0 under <c>{prefix}/fhir</c>: kick-off, status, DELETE and NDJSON files, each behind the bearer token.</summary>
internal static class BulkEndpoints
{
    public static void MapBulkEndpoints(this IEndpointRouteBuilder group)
    {
        // Literal segments outrank the FHIR read route's {type}/{id}, so these win for .../$export.
        var kickOff = group.MapGroup("/fhir").WithFaults(FaultTarget.Fhir).AddEndpointFilter<BearerTokenFilter>();
        kickOff.MapGet("/Patient/$export", (HttpContext context, BulkExporter exporter) => exporter.KickOff(context, null));
        kickOff.MapGet("/Group/{id}/$export", (HttpContext context, string id, BulkExporter exporter) => exporter.KickOff(context, id));

        group.MapGroup("/fhir/$export-status").WithFaults(FaultTarget.BulkStatus).AddEndpointFilter<BearerTokenFilter>()
            .MapGet("/{job}", BulkJobEndpoints.Status);
        group.MapGroup("/fhir/$export-status").AddEndpointFilter<BearerTokenFilter>()
            .MapDelete("/{job}", BulkJobEndpoints.Delete);
        group.MapGroup("/fhir/$export-file").WithFaults(FaultTarget.BulkDownload).AddEndpointFilter<BearerTokenFilter>()
            .MapGet("/{job}/{file}", BulkJobEndpoints.Download);
    }
}
