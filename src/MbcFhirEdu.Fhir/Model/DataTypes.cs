namespace MbcFhirEdu.Fhir.Model;

// The general-purpose FHIR R4 data types this service reads and writes
// (https://hl7.org/fhir/R4/datatypes.html). Only the elements the service uses are modelled;
// the tolerant reader ignores the rest and the writer never emits them.

/// <summary>R4 Coding (datatypes.html#Coding): a code from a code system.</summary>
public sealed record Coding
{
    public string? System { get; init; }
    public string? Version { get; init; }
    public string? Code { get; init; }
    public string? Display { get; init; }
    public bool? UserSelected { get; init; }
}

/// <summary>R4 CodeableConcept (datatypes.html#CodeableConcept): codings plus free text.</summary>
public sealed record CodeableConcept
{
    public IReadOnlyList<Coding> Coding { get; init; } = [];
    public string? Text { get; init; }
}

/// <summary>R4 Reference (references.html#Reference). Named like Firely's type so a later swap reads naturally.</summary>
public sealed record ResourceReference
{
    /// <summary>Literal reference: relative ("Patient/1"), absolute URL, "urn:uuid:…" or "#contained".</summary>
    public string? Reference { get; init; }
    /// <summary>The target's resource type, when the writer stated it.</summary>
    public string? Type { get; init; }
    public Identifier? Identifier { get; init; }
    public string? Display { get; init; }
}

/// <summary>R4 Identifier (datatypes.html#Identifier).</summary>
public sealed record Identifier
{
    public string? Use { get; init; }
    public string? System { get; init; }
    public string? Value { get; init; }
}

/// <summary>R4 Quantity (datatypes.html#Quantity); comparator is one of &lt; &lt;= &gt;= &gt;.</summary>
public sealed record Quantity
{
    public decimal? Value { get; init; }
    public string? Comparator { get; init; }
    public string? Unit { get; init; }
    public string? System { get; init; }
    public string? Code { get; init; }
}

/// <summary>R4 Period (datatypes.html#Period). Bounds are kept as written: FHIR dateTimes may be partial.</summary>
public sealed record Period
{
    public string? Start { get; init; }
    public string? End { get; init; }
}

/// <summary>R4 Ratio (datatypes.html#Ratio).</summary>
public sealed record Ratio
{
    public Quantity? Numerator { get; init; }
    public Quantity? Denominator { get; init; }
}

/// <summary>R4 Range (datatypes.html#Range); named QuantityRange so it does not clash with <see cref="System.Range"/>.</summary>
public sealed record QuantityRange
{
    public Quantity? Low { get; init; }
    public Quantity? High { get; init; }
}

/// <summary>R4 SampledData (datatypes.html#SampledData); read so it is recognised, never interpreted.</summary>
public sealed record SampledData
{
    public Quantity? Origin { get; init; }
    public decimal? Period { get; init; }
    public int? Dimensions { get; init; }
    public string? Data { get; init; }
}

/// <summary>R4 Annotation (datatypes.html#Annotation): a note with optional author and time.</summary>
public sealed record Annotation
{
    public string? AuthorString { get; init; }
    public string? Time { get; init; }
    public string? Text { get; init; }
}

/// <summary>R4 Attachment (datatypes.html#Attachment), used when a Communication carries a material link.</summary>
public sealed record Attachment
{
    public string? ContentType { get; init; }
    public string? Language { get; init; }
    public string? Url { get; init; }
    public string? Title { get; init; }
}

/// <summary>R4 Meta (resource.html#Meta). lastUpdated decides between duplicate copies (CODES.md rule 9).</summary>
public sealed record Meta
{
    public string? VersionId { get; init; }
    public DateTimeOffset? LastUpdated { get; init; }
    public IReadOnlyList<string> Profile { get; init; } = [];
    public IReadOnlyList<Coding> Tag { get; init; } = [];
}
