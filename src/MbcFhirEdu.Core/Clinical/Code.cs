namespace MbcFhirEdu.Core.Clinical;

/// <summary>A coding: system URI (normalised, see <see cref="CodeSystems.Normalize"/>), code and optional display.</summary>
public readonly record struct Code(string System, string Value, string? Display = null)
{
    public bool Is(string system, string value) =>
        string.Equals(System, system, StringComparison.Ordinal) && string.Equals(Value, value, StringComparison.Ordinal);

    public override string ToString() => $"{System}|{Value}";
}
