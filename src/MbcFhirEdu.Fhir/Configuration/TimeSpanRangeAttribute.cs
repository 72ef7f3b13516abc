using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace MbcFhirEdu.Fhir.Configuration;

/// <summary>
/// A <see cref="TimeSpan"/> range check for options classes. <c>[Range(typeof(TimeSpan), …)]</c> converts its string
/// bounds lazily on first use and is not thread-safe: when two hosts validate the same options type at once (tests,
/// or two named options), one thread can read a bound the other has already replaced with a TimeSpan and throw
/// InvalidCastException. This attribute parses both bounds once, in its constructor, and never changes afterwards.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false)]
public sealed class TimeSpanRangeAttribute : ValidationAttribute
{
    public TimeSpanRangeAttribute(string minimum, string maximum)
    {
        Minimum = TimeSpan.Parse(minimum, CultureInfo.InvariantCulture);
        Maximum = TimeSpan.Parse(maximum, CultureInfo.InvariantCulture);
        if (Minimum > Maximum)
        {
            throw new ArgumentException($"The minimum {minimum} is above the maximum {maximum}.", nameof(minimum));
        }
    }

    public TimeSpan Minimum { get; }

    public TimeSpan Maximum { get; }

    /// <summary>Null passes, as with <see cref="RangeAttribute"/>; pair with [Required] where a value must be set.</summary>
    public override bool IsValid(object? value) =>
        value is null || (value is TimeSpan span && span >= Minimum && span <= Maximum);

    public override string FormatErrorMessage(string name) =>
        string.Format(CultureInfo.InvariantCulture, "The field {0} must be between {1:c} and {2:c}.", name, Minimum, Maximum);
}
