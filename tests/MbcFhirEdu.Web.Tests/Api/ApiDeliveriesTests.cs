using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Fhir.WriteBack;
using MbcFhirEdu.Sandbox;
using MbcFhirEdu.Tests.Shared;
using MbcFhirEdu.Web.Features.Deliveries;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Web.Tests.Api;

/// <summary>
/// <c>POST/GET /api/v1/patients/{id}/deliveries</c> against the hosted sandbox, with the outbox worker running: the
/// Idempotency-Key makes retries and concurrent duplicates one delivery and one Communication, written with SMART
/// Backend Services; bad input is a problem+json naming the field; every bad token is refused before anything is recorded.
/// </summary>
public sealed class ApiDeliveriesTests(ApiDeliveryHost host) : IClassFixture<ApiDeliveryHost>
{
    private Task<string> SenderToken() => host.Api.TokenAsync(ApiHost.SenderId);

    [Fact]
    public async Task A_POST_records_a_delivery_that_the_outbox_writes_once_as_the_profiled_Communication_with_a_backend_token()
    {
        var token = await SenderToken();
        var key = Guid.NewGuid().ToString();
        var backendTokensBefore = host.Backend.TokenRequests;

        var (created, body) = await host.Api.SendAsync(ApiDeliveryHost.Post(key, ApiDeliveryHost.Body()), token);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = body.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/patients/{ApiDeliveryHost.Patient}/deliveries/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal(ApiDeliveryHost.Material, body.GetProperty("materialId").GetString());
        var done = await host.WaitSettledAsync(token, ApiDeliveryHost.Patient, id);
        Assert.Equal("delivered", done.GetProperty("status").GetString());
        Assert.False(done.GetProperty("opened").GetBoolean());
        Assert.Equal(JsonValueKind.String, done.GetProperty("deliveredAt").ValueKind);

        var stored = Assert.Single(host.Communications(id));
        Assert.Equal(stored.Id, done.GetProperty("communication").GetString());
        var json = stored.Json;
        Assert.Equal(ApiDeliveryHost.Sender, json.GetProperty("sender").GetProperty("reference").GetString());
        Assert.Equal("Patient/" + ApiDeliveryHost.Patient, json.GetProperty("subject").GetProperty("reference").GetString());
        Assert.Equal(DeliveryCommunication.DeliveryIdSystem, json.GetProperty("identifier")[0].GetProperty("system").GetString());
        // The link opens the material inside the patient app and names the delivery, so opening it is tracked.
        Assert.Equal($"http://localhost/app/materials/bone-metastases?lang=en&delivery={id}", json.GetProperty("payload")[0].GetProperty("contentAttachment").GetProperty("url").GetString());
        FhirSchema.AssertValid(json.GetRawText(), "api-communication");

        // The outbox used SMART Backend Services (no user session is stored for the row).
        await using var db = await host.DbAsync();
        var row = await db.Deliveries.SingleAsync(d => d.Id == Guid.Parse(id));
        Assert.Equal((DeliveryTokenKind.BackendServices, ApiHost.SenderId, (string?)null), (row.TokenKind, row.Caller, row.ProtectedTokenSessionId));
        Assert.True(host.Backend.TokenRequests > backendTokensBefore || backendTokensBefore > 0);
    }

    [Fact]
    public async Task Fifty_concurrent_POSTs_with_one_key_make_one_delivery_and_one_Communication()
    {
        var token = await SenderToken();
        var key = "same-" + Guid.NewGuid();
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() =>
            host.Api.SendAsync(ApiDeliveryHost.Post(key, ApiDeliveryHost.Body()), token))));

        Assert.Single(results, r => r.Response.StatusCode == HttpStatusCode.Created);
        Assert.Equal(49, results.Count(r => r.Response.StatusCode == HttpStatusCode.OK));
        var id = Assert.Single(results.Select(r => r.Body.GetProperty("id").GetString()).Distinct())!;
        Assert.All(results.Where(r => r.Response.StatusCode == HttpStatusCode.OK),
            r => Assert.Equal("true", r.Response.Headers.GetValues("Idempotent-Replayed").Single()));
        await host.WaitSettledAsync(token, ApiDeliveryHost.Patient, id);
        // An outbox pass of our own: a duplicate delivery, if any were due, is sent by it (an awaited outcome, not a sleep).
        await host.Services.GetRequiredService<OutboxWorker>().RunOnceAsync(CancellationToken.None);
        Assert.Single(host.Communications(id));
        await using var db = await host.DbAsync();
        Assert.Equal(1, await db.Deliveries.CountAsync(d => d.IdempotencyKey == key));
    }

    [Fact]
    public async Task Two_different_keys_make_two_deliveries_and_two_Communications()
    {
        var token = await SenderToken();
        var (first, a) = await host.Api.SendAsync(ApiDeliveryHost.Post(Guid.NewGuid().ToString(), ApiDeliveryHost.Body()), token);
        var (second, b) = await host.Api.SendAsync(ApiDeliveryHost.Post(Guid.NewGuid().ToString(), ApiDeliveryHost.Body()), token);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));
        var ids = new[] { a.GetProperty("id").GetString()!, b.GetProperty("id").GetString()! };
        Assert.NotEqual(ids[0], ids[1]);
        foreach (var id in ids)
        {
            Assert.Equal("delivered", (await host.WaitSettledAsync(token, ApiDeliveryHost.Patient, id)).GetProperty("status").GetString());
            Assert.Single(host.Communications(id));
        }
    }

    [Fact]
    public async Task The_EHR_failing_the_first_three_writes_delivers_once_after_recovery()
    {
        var token = await SenderToken();
        host.Faults.FailNext(3, 503, target: FaultTarget.CommunicationWrite);
        var (created, body) = await host.Api.SendAsync(ApiDeliveryHost.Post(Guid.NewGuid().ToString(), ApiDeliveryHost.Body()), token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = body.GetProperty("id").GetString()!;

        var done = await host.WaitSettledAsync(token, ApiDeliveryHost.Patient, id);

        Assert.Equal("delivered", done.GetProperty("status").GetString());
        Assert.Equal(4, done.GetProperty("attempts").GetInt32());
        Assert.Equal(3, host.Faults.InjectedFailures);
        Assert.Single(host.Communications(id));
    }

    [Fact]
    public async Task A_delivery_POSTed_to_an_app_that_then_stops_is_sent_exactly_once_by_a_restarted_app_with_Backend_Services()
    {
        // The EHR (its own sandbox, so its fault counters are this test's) outlives both app instances, which share
        // one database of their own: app A takes the POST while the EHR refuses every Communication write, then stops;
        // app B (new host, new DI container, same database) delivers the row from the outbox.
        using var ehr = new ApiDeliveryHost();
        TestDatabase database = WebAppFactory.UsesPostgres ? new PostgresTestDatabase() : new SqliteTestDatabase();
        await database.InitializeAsync();
        WebAppFactory? b = null;
        try
        {
            var token = await ehr.Api.TokenAsync(ApiHost.SenderId);
            ehr.Faults.FailNext(1_000_000, 503, target: FaultTarget.CommunicationWrite);
            var a = AppInstance(ehr, database);
            string id;
            await using (a)
            {
                using var http = a.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
                using var request = ApiDeliveryHost.Post(Guid.NewGuid().ToString(), ApiDeliveryHost.Body());
                request.Headers.Authorization = new("Bearer", token);
                using var created = await http.SendAsync(request);
                var text = await created.Content.ReadAsStringAsync();
                Assert.True(created.StatusCode == HttpStatusCode.Created, $"A answered {(int)created.StatusCode}: {text}");
                id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
                // A's worker tries (with Backend Services) and the EHR refuses: still outstanding, retried.
                var tried = await WaitForRowAsync(database, id, r => r.Attempts >= 2 && r.Status == DeliveryStatus.Pending);
                Assert.Equal(DeliveryStatus.Pending, tried.Status);
                Assert.Equal("fault injected by the sandbox", tried.LastError);
                Assert.True(a.Services.GetRequiredService<BackendServicesTokenSource>().TokenRequests > 0, "A's outbox asked for no Backend Services token");
            }
            var attemptsByA = (await WaitForRowAsync(database, id, _ => true)).Attempts;
            Assert.Empty(ehr.Communications(id));
            var refusedWrites = ehr.Faults.InjectedFailures;
            Assert.True(refusedWrites >= attemptsByA - 1, $"the EHR refused {refusedWrites} writes for {attemptsByA} attempts");

            // The EHR recovers; A is gone. B starts on the same database and its worker picks the row up.
            ehr.Faults.Reset();
            b = AppInstance(ehr, database);
            _ = b.Server;
            var done = await WaitForRowAsync(database, id, r => r.Status is DeliveryStatus.Delivered or DeliveryStatus.Failed);

            Assert.Equal(DeliveryStatus.Delivered, done.Status);
            Assert.True(done.Attempts > attemptsByA, $"B made no attempt of its own: {done.Attempts} after A's {attemptsByA}");
            Assert.Equal(DeliveryTokenKind.BackendServices, done.TokenKind);
            Assert.True(b.Services.GetRequiredService<BackendServicesTokenSource>().TokenRequests > 0, "B's outbox asked for no Backend Services token");
            var only = Assert.Single(ehr.Communications(id));
            Assert.Equal(only.Id, done.EhrCommunicationId);
            Assert.Equal(ApiDeliveryHost.Sender, only.Json.GetProperty("sender").GetProperty("reference").GetString());
            // Delivered stays delivered: more passes of B's worker send nothing more.
            await Task.Delay(500);
            Assert.Single(ehr.Communications(id));
            Assert.Equal(done.Attempts, (await WaitForRowAsync(database, id, _ => true)).Attempts);
        }
        finally
        {
            if (b is not null) await b.DisposeAsync();
            await database.DisposeAsync();
        }
    }

    /// <summary>
    /// One instance of the app over <paramref name="database"/>, its outbox worker running, whose outbound calls (token
    /// checks, Backend Services, FHIR) go to <paramref name="ehr"/>'s sandbox with <paramref name="ehr"/>'s API and
    /// Backend Services settings (so the EHR knows its signing key), as another replica or a restarted app would.
    /// </summary>
    private static WebAppFactory AppInstance(ApiDeliveryHost ehr, TestDatabase database)
    {
        var factory = new WebAppFactory { OutboundTo = ehr.Api.Factory };
        var configuration = ehr.Services.GetRequiredService<IConfiguration>();
        foreach (var section in new[] { "Api", "Entra", "BackendServices", "Deliveries" })
            foreach (var (key, value) in configuration.GetSection(section).AsEnumerable())
                if (value is not null) factory.Set(key, value);
        foreach (var (key, value) in database.Settings) factory.Set(key, value);
        factory.Set("Smart:RetryCount", "0");
        // Many fast retries while the EHR refuses: the row must not run out of attempts before A stops.
        factory.Set("Deliveries:MaxAttempts", "1000");
        // A stopped mid-send leaves its claim: a short lease lets B take the row over within the test's wait.
        factory.Set("Deliveries:SendTimeout", "00:00:05");
        factory.Set("Deliveries:Lease", "00:00:06");
        return factory;
    }

    private static async Task<DeliveryRecordRow> WaitForRowAsync(TestDatabase database, string id, Func<DeliveryRecordRow, bool> condition)
    {
        var guid = Guid.Parse(id);
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using (var db = await database.CreateFactory().CreateDbContextAsync())
            {
                var row = await db.Deliveries.AsNoTracking().SingleAsync(d => d.Id == guid);
                var current = new DeliveryRecordRow(row.Status, row.Attempts, row.LastError, row.TokenKind, row.EhrCommunicationId);
                if (condition(current)) return current;
                if (DateTime.UtcNow > until) throw new Xunit.Sdk.XunitException($"delivery {id} did not reach the expected state within 60 s: {current}");
            }
            await Task.Delay(50);
        }
    }

    private sealed record DeliveryRecordRow(DeliveryStatus Status, int Attempts, string? LastError, DeliveryTokenKind TokenKind, string? EhrCommunicationId);

    [Fact]
    public async Task The_same_key_with_another_body_is_422_and_the_first_delivery_is_unchanged()
    {
        var token = await SenderToken();
        var key = Guid.NewGuid().ToString();
        var (first, a) = await host.Api.SendAsync(ApiDeliveryHost.Post(key, ApiDeliveryHost.Body()), token);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        foreach (var other in new[]
        {
            ApiDeliveryHost.Body(material: "bone-emergency-signs"), ApiDeliveryHost.Body(note: "Another note"),
            ApiDeliveryHost.Body(sender: "Practitioner/someone-else"),
        })
        {
            var (conflict, problem) = await host.Api.SendAsync(ApiDeliveryHost.Post(key, other), token);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, conflict.StatusCode);
            Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
            Assert.Equal("idempotency_key_reused", problem.GetProperty("error").GetString());
            Assert.Equal("Idempotency-Key", problem.GetProperty("field").GetString());
        }
        // Same key, same body (JSON written differently, quoted key): still the first delivery.
        var (again, same) = await host.Api.SendAsync(ApiDeliveryHost.Post($"\"{key}\"",
            """{ "sender": "Practitioner/onc-halloway", "note": "Please read before Tuesday.", "materialId": "bone-metastases" }"""), token);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(a.GetProperty("id").GetString(), same.GetProperty("id").GetString());
    }

    public static TheoryData<string?, string, string, int, string> BadRequests => new()
    {
        { null, ApiDeliveryHost.Body(), "Idempotency-Key", 400, "invalid_idempotency_key" },
        { "", ApiDeliveryHost.Body(), "Idempotency-Key", 400, "invalid_idempotency_key" },
        { new string('k', 201), ApiDeliveryHost.Body(), "Idempotency-Key", 400, "invalid_idempotency_key" },
        { "has space", ApiDeliveryHost.Body(), "Idempotency-Key", 400, "invalid_idempotency_key" },
        { "k", ApiDeliveryHost.Body(material: "no-such-material"), "materialId", 400, "unknown_material" },
        { "k", ApiDeliveryHost.Body(material: "Bad Id!"), "materialId", 400, "invalid_body" },
        { "k", """{"language":"en"}""", "materialId", 400, "invalid_body" },
        { "k", ApiDeliveryHost.Body(language: "fr"), "language", 400, "invalid_body" },
        { "k", ApiDeliveryHost.Body(note: new string('n', 1001)), "note", 400, "invalid_body" },
        { "k", ApiDeliveryHost.Body(sender: "Patient/123"), "sender", 400, "invalid_body" },
        { "k", ApiDeliveryHost.Body(sender: null), "sender", 400, "sender_required" },
        { "k", """{"materialId":"bone-metastases","sender":"Practitioner/x","color":"red"}""", "color", 400, "invalid_body" },
        { "k", """{"materialId":7}""", "materialId", 400, "invalid_body" },
        { "k", """[{"materialId":"bone-metastases"}]""", "body", 400, "invalid_body" },
        { "k", "{not json", "body", 400, "invalid_body" },
        { "k", "{\"note\":\"" + new string('x', 17_000) + "\"}", "body", 413, "body_too_large" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_is_a_problem_naming_the_field_and_records_nothing(string? key, string body, string field, int status, string error)
    {
        var token = await SenderToken();
        await using var db = await host.DbAsync();
        var before = await db.Deliveries.CountAsync();

        var (response, problem) = await host.Api.SendAsync(ApiDeliveryHost.Post(key is "k" ? Guid.NewGuid().ToString() : key, body), token);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(error, problem.GetProperty("error").GetString());
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Equal(before, await db.Deliveries.CountAsync());
    }

    [Fact]
    public async Task A_body_with_invalid_UTF8_inside_a_string_is_400_naming_the_byte_and_records_nothing()
    {
        var token = await SenderToken();
        await using var db = await host.DbAsync();
        var before = await db.Deliveries.CountAsync();
        using var request = ApiDeliveryHost.Post(Guid.NewGuid().ToString(), "");
        // Well-formed JSON whose note holds 0xFF, a byte UTF-8 never uses: it passes a structural parse.
        byte[] body = [.. "{\"materialId\":\"bone-metastases\",\"sender\":\"Practitioner/onc-halloway\",\"note\":\"a"u8, 0xFF, .. "b\"}"u8];
        request.Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } };

        var (response, problem) = await host.Api.SendAsync(request, token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_body", problem.GetProperty("error").GetString());
        Assert.Equal("body", problem.GetProperty("field").GetString());
        Assert.Contains("not valid UTF-8 (line 1, byte 79)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await db.Deliveries.CountAsync());
    }

    [Fact]
    public async Task An_invalid_patient_id_is_400_naming_id()
    {
        var (response, problem) = await host.Api.SendAsync(ApiDeliveryHost.Post("k-" + Guid.NewGuid(), ApiDeliveryHost.Body(), patient: "bad%20id!"), await SenderToken());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("id", problem.GetProperty("field").GetString());
    }

    public static TheoryData<string, int> TokenRefusals => new()
    {
        { "none", 401 }, { "audience", 401 }, { "issuer", 401 }, { "signature", 401 }, { "expired", 401 },
        { "read-only role", 403 }, { "no role", 403 }, { "admin only", 201 },
    };

    [Theory]
    [MemberData(nameof(TokenRefusals))]
    public async Task Every_bad_token_is_refused_before_anything_is_recorded(string what, int expected)
    {
        using var stranger = RSA.Create(2048);
        var token = what switch
        {
            "none" => null,
            "audience" => host.Api.Forge(audience: "api://some-other-api"),
            "issuer" => host.Api.Forge(issuer: "https://login.example.org/other-tenant/v2.0"),
            "signature" => host.Api.Forge(key: stranger),
            "expired" => host.Api.Forge(expiresIn: TimeSpan.FromMinutes(-5)),
            "read-only role" => await host.Api.TokenAsync(ApiHost.ReaderId),
            "no role" => host.Api.Forge(roles: ["Some.Other.Role"]),
            _ => host.Api.Forge(roles: ["Education.Admin"]),
        };
        var key = "tok-" + Guid.NewGuid();
        var (response, body) = await host.Api.SendAsync(ApiDeliveryHost.Post(key, ApiDeliveryHost.Body()), token);

        Assert.Equal(expected, (int)response.StatusCode);
        await using var db = await host.DbAsync();
        Assert.Equal(expected == 201 ? 1 : 0, await db.Deliveries.CountAsync(d => d.IdempotencyKey == key));
        if (expected != 201) Assert.Equal(expected == 401 ? "invalid_token" : "insufficient_role", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_list_shows_the_patients_deliveries_newest_first_with_status_times_and_opened()
    {
        var token = await SenderToken();
        var patient = "triple-positive-bone-nodes";
        var (_, a) = await host.Api.SendAsync(ApiDeliveryHost.Post(Guid.NewGuid().ToString(), ApiDeliveryHost.Body(), patient), token);
        var (_, b) = await host.Api.SendAsync(ApiDeliveryHost.Post(Guid.NewGuid().ToString(), ApiDeliveryHost.Body(material: "bone-emergency-signs"), patient), token);
        await host.WaitSettledAsync(token, patient, b.GetProperty("id").GetString()!);

        var (response, list) = await host.Api.GetAsync($"/api/v1/patients/{patient}/deliveries", await host.Api.TokenAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var items = list.GetProperty("deliveries").EnumerateArray().ToList();
        Assert.Equal([b.GetProperty("id").GetString(), a.GetProperty("id").GetString()], items.Take(2).Select(i => i.GetProperty("id").GetString()));
        Assert.All(items, i =>
        {
            Assert.Equal(patient, i.GetProperty("patient").GetString());
            Assert.Contains(i.GetProperty("status").GetString(), new[] { "pending", "sending", "delivered", "failed" });
            Assert.Equal(JsonValueKind.String, i.GetProperty("createdAt").ValueKind);
            Assert.Equal(JsonValueKind.False, i.GetProperty("opened").ValueKind);
        });
        // Another patient's delivery is not found under this patient.
        var (other, _) = await host.Api.GetAsync($"/api/v1/patients/{ApiDeliveryHost.Patient}/deliveries/{a.GetProperty("id").GetString()}", token);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        // Listing needs Education.Read.
        var (refused, _) = await host.Api.GetAsync($"/api/v1/patients/{patient}/deliveries", await host.Api.TokenAsync(ApiHost.NoRolesId));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
