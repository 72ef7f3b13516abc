using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Web.Tests.Hardening;

/// <summary>
/// Issue 15 item 1, over the app's own route list: every endpoint that takes a body (POST, PUT, PATCH, or any method),
/// read from its EndpointDataSource when the test runs, is reached the way its callers reach it (the table below) and
/// sent each <see cref="BadInput.Probes"/> request. Each answer is a 4xx that names the problem, never a 500 or a stack
/// trace. A route with no row in the table fails the first test, so a new route is covered from the day it is added.
/// </summary>
public sealed class BadInputRouteTests(BadInputHost host) : IClassFixture<BadInputHost>
{
    /// <summary>How each write endpoint is reached ("METHOD pattern"; "*" = a route that takes every method).</summary>
    private static readonly Dictionary<string, Reach> Routes = new(StringComparer.Ordinal)
    {
        ["POST /api/v1/patients/{id}/deliveries"] = Reach.ApiBearer,
        ["* /api/{**rest}"] = Reach.ApiFallback,
        ["POST /cds-services/mbc-education"] = Reach.CdsClient,
        ["POST /cds-services/mbc-education/feedback"] = Reach.CdsClient,
        ["POST /coordinator/send"] = Reach.CoordinatorForm,
        ["POST /coordinator/l/{ctx}/send"] = Reach.CoordinatorForm,
        ["POST /logout"] = Reach.SignOutForm,
        ["POST /console/patients/{id}/send"] = Reach.ConsoleForm,
        ["POST /console/worklist/{id}/close"] = Reach.ConsoleForm,
        ["POST /console/signout"] = Reach.ConsoleForm,
        ["* /health/ready"] = Reach.ReadsNoBody,
        // The hosted development EHR (Sandbox:Enabled, Development only) stands in for an EHR's own OAuth and FHIR
        // servers; it is not part of the app and keeps its own answers.
        ["POST /sandbox/auth/token"] = Reach.NotTheApp,
        ["POST /sandbox/entra/{tenant}/oauth2/v2.0/token"] = Reach.NotTheApp,
        ["POST /sandbox/fhir/Communication"] = Reach.NotTheApp,
        ["POST /sandbox/_cohort/advance"] = Reach.NotTheApp,
    };

    public enum Reach { ApiBearer, ApiFallback, CdsClient, CoordinatorForm, SignOutForm, ConsoleForm, ReadsNoBody, NotTheApp }

    private static readonly string[] WriteMethods = ["POST", "PUT", "PATCH"];

    [Fact]
    public void Every_write_endpoint_the_app_maps_has_a_row_saying_how_to_reach_it()
    {
        var mapped = WriteEndpoints(host.Api.Factory.Services);

        Assert.Contains("POST /api/v1/patients/{id}/deliveries", mapped);
        var missing = mapped.Where(r => !Routes.ContainsKey(r)).ToList();
        Assert.True(missing.Count == 0, "Add a row to BadInputRouteTests.Routes for: " + string.Join(", ", missing));
        var gone = Routes.Keys.Where(r => !mapped.Contains(r)).ToList();
        Assert.True(gone.Count == 0, "BadInputRouteTests.Routes names routes the app no longer maps: " + string.Join(", ", gone));
    }

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var route in Routes.Where(r => r.Value != Reach.NotTheApp).Select(r => r.Key))
            foreach (var probe in BadInput.Probes)
                cases.Add(route, probe);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_body_gets_a_4xx_that_names_the_problem(string route, string probe)
    {
        var reach = Routes[route];
        using var request = await host.RequestAsync(reach, Method(route), Path(route), probe);

        using var client = host.ClientFor(reach);
        using var response = await client.SendAsync(request);

        var where = $"{route} with {probe}";
        var problem = await BadInput.ProblemAsync(response, where);
        var status = (int)response.StatusCode;
        if (reach == Reach.ReadsNoBody)
        {
            Assert.True(status != 500, $"{where}: 500");
            return;
        }
        var expected = reach switch
        {
            Reach.ApiFallback => status == 404,
            _ => status is 400 or 413 or 415 or 422,
        };
        Assert.True(expected, $"{where}: {status} {problem}");
        Assert.False(string.IsNullOrWhiteSpace(problem), $"{where}: {status} with no message naming the problem");
    }

    /// <summary>"METHOD pattern" of every endpoint that takes a body; endpoints without method metadata take every method.</summary>
    internal static HashSet<string> WriteEndpoints(IServiceProvider services) =>
        [.. services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().SelectMany(e =>
            e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is { } methods
                ? methods.Where(m => WriteMethods.Contains(m, StringComparer.OrdinalIgnoreCase)).Select(m => $"{m} {Pattern(e)}")
                : [$"* {Pattern(e)}"])];

    private static string Pattern(RouteEndpoint e) => "/" + e.RoutePattern.RawText!.TrimStart('/');

    private static HttpMethod Method(string route) => route.StartsWith('*') ? HttpMethod.Post : new HttpMethod(route.Split(' ')[0]);

    private static string Path(string route) => route.Split(' ')[1];
}
