#!/usr/bin/env python3
"""Turns `perf script` output of the CDS load (cds-load.sh PROFILE=1) into CPU per call per step.

Each sample is given to the innermost frame on its stack that matches a step below (innermost wins, so the async
continuations that run one request's code on another's stack still land in the step whose code is running); samples
matching no step fall into "runtime, kernel and the rest". Prints the share of the app's samples and the
microseconds per call (share x the app CPU per call the loader measured over the same seconds).
Usage: perf script -i perf.data | perf-steps.py CPU_MS_PER_CALL
"""
import re
import sys

# (label, pattern on a frame's symbol); order does not matter, the innermost matching frame decides.
STEPS = [
    ("Firely: deserializing the prefetch (validation included)", r"\[Hl7\.Fhir"),
    ("prefetch to PatientData (our Fhir input/mapping)", r"\[MbcFhirEdu\.Fhir\]"),
    ("extraction (Core.Clinical)", r"\[MbcFhirEdu\.Core\] MbcFhirEdu\.Core\.Clinical"),
    ("matching (Core.Matching)", r"\[MbcFhirEdu\.Core\] MbcFhirEdu\.Core\.Matching"),
    ("Core, other", r"\[MbcFhirEdu\.Core\]"),
    ("cards (CdsCardBuilder)", r"CdsCardBuilder"),
    ("JWT: ES256 and token handling (IdentityModel)", r"Microsoft\.IdentityModel|System\.Security\.Cryptography|libcrypto|libssl"),
    ("JWT: our checks (CdsJwtVerifier, own frames)", r"CdsJwtVerifier"),
    ("jti store (DbCdsJtiStore, own frames and hashing)", r"DbCdsJtiStore"),
    ("EF Core / SQLite / Npgsql (jti insert + audit batch)", r"Microsoft\.EntityFrameworkCore|Microsoft\.Data\.Sqlite|SQLitePCL|libe_sqlite3|sqlite3|Npgsql|SqliteMbcEduDbContext|MbcEduDbContext|SqliteWriteGate|PooledDbContext"),
    ("audit (AuditLog, its batch writer)", r"MbcFhirEdu\.Web\.Features\.Audit|MbcFhirEdu\.Data\.Audit"),
    ("request body read and JSON parse (ReadBodyAsync, JsonBody)", r"ReadBodyAsync|JsonBody|JsonDocument::Parse"),
    ("CdsRequest.Parse", r"CdsRequest::Parse"),
    ("response JSON (TypedResults.Json, System.Text.Json writing)", r"JsonHttpResult|HttpResponseJsonExtensions|Utf8JsonWriter|::Write\w*\(class System\.Text\.Json\.Utf8JsonWriter|JsonSerializer::Serialize|SerializeAsync|WriteCore|OnTryWrite"),
    ("problem details / errors", r"ProblemDetails|Infrastructure\.Errors"),
    ("logging", r"Microsoft\.Extensions\.Logging|Console\.Logger|ConsoleLogger|OpenTelemetry"),
    ("rate limiting", r"RateLimit"),
    ("metrics / diagnostics (Activity, meters)", r"System\.Diagnostics\.(Activity|Metrics|DiagnosticListener)|HostingApplicationDiagnostics|EduMetrics"),
    ("routing, endpoint filters, minimal-API binding", r"Microsoft\.AspNetCore\.Routing|Microsoft\.AspNetCore\.Http\.RequestDelegateFactory|lambda_method|EndpointFilter|NoStore"),
    ("DI (service resolution, scopes)", r"Microsoft\.Extensions\.DependencyInjection"),
    ("other middleware (security headers, static files, auth, CORS, exception pages, not-found)", r"SecurityHeaders|StaticFile|Authentication|Authorization|Cors|DeveloperExceptionPage|StatusCodePages|ExceptionHandler|FormEncodingCheck|NotFoundResponses"),
    ("Kestrel, sockets, HTTP parsing (managed)", r"Kestrel|System\.Net\.Sockets|System\.IO\.Pipelines|Microsoft\.AspNetCore\.Http\."),
    ("kernel network (tcp, loopback)", r"\btcp_|\bip_|__sys_sendmsg|__sys_recvfrom|sock_|net_rx|__napi|epoll"),
    ("thread pool (dispatch, spinning, sched_yield)", r"ThreadPool|PortableThreadPool|LowLevelLifoSemaphore|sched_yield|WorkerThread"),
    ("GC: allocation clearing (memset) and collection", r"memset|gc_heap|WKS::|SVR::|GCHeap|GarbageCollect"),
    ("JIT / tiering", r"libclrjit|TieredCompilation|CallCountingStub|JIT_Patchpoint"),
]
COMPILED = [(label, re.compile(p)) for label, p in STEPS]


def classify(frames):
    for frame in frames:  # innermost first, as perf script prints them
        for label, pattern in COMPILED:
            if pattern.search(frame):
                return label
    return "runtime, kernel and the rest (unresolved libcoreclr, page faults, scheduler)"


def main():
    cpu_ms = float(sys.argv[1])
    counts = {}
    total = 0
    frames = []
    in_sample = False
    for line in sys.stdin:
        line = line.rstrip("\n")
        if not line.strip():
            if in_sample:
                counts[classify(frames)] = counts.get(classify(frames), 0) + 1
                total += 1
            frames, in_sample = [], False
            continue
        if not line.startswith((" ", "\t")):
            in_sample = True
            continue
        parts = line.strip().split(" ", 1)
        frames.append(parts[1] if len(parts) > 1 else parts[0])
    if in_sample:
        counts[classify(frames)] = counts.get(classify(frames), 0) + 1
        total += 1
    print(f"{total} samples; app CPU {cpu_ms:.3f} ms per call")
    print(f"{'share':>7} {'us/call':>8}  step")
    for label, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        print(f"{100 * n / total:6.1f}% {1000 * cpu_ms * n / total:8.0f}  {label}")


main()
