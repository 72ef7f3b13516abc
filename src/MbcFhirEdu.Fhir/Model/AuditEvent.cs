namespace MbcFhirEdu.Fhir.Model;

/// <summary>R4 AuditEvent (auditevent.html), exported from the audit log. Write-only; ids only, never names.</summary>
public sealed record AuditEvent : DomainResource
{
    [System.Text.Json.Serialization.JsonIgnore]
    public override string ResourceType => "AuditEvent";
    /// <summary>Type/identifier of the event (required), e.g. audit-event-type#rest.</summary>
    public Coding? Type { get; init; }
    public IReadOnlyList<Coding> Subtype { get; init; } = [];
    /// <summary>C | R | U | D | E.</summary>
    public string? Action { get; init; }
    /// <summary>Time the event was recorded (instant, required).</summary>
    public DateTimeOffset? Recorded { get; init; }
    /// <summary>0 success | 4 minor failure | 8 serious failure | 12 major failure.</summary>
    public string? Outcome { get; init; }
    public IReadOnlyList<AuditEventAgent> Agent { get; init; } = [];
    public AuditEventSource? Source { get; init; }
    public IReadOnlyList<AuditEventEntity> Entity { get; init; } = [];
}

/// <summary>AuditEvent.agent: who took part; <c>requestor</c> is required.</summary>
public sealed record AuditEventAgent
{
    public CodeableConcept? Type { get; init; }
    public ResourceReference? Who { get; init; }
    public bool? Requestor { get; init; }
}

/// <summary>AuditEvent.source: the system that recorded the event (<c>observer</c> required).</summary>
public sealed record AuditEventSource
{
    public string? Site { get; init; }
    public ResourceReference? Observer { get; init; }
    public IReadOnlyList<Coding> Type { get; init; } = [];
}

/// <summary>AuditEvent.entity: the data or object used.</summary>
public sealed record AuditEventEntity
{
    public ResourceReference? What { get; init; }
    public Coding? Type { get; init; }
    public Coding? Role { get; init; }
}
