using System.Runtime.CompilerServices;

namespace MbcFhirEdu.Fhir.Reading;

/// <summary>
/// <see cref="RuntimeHelpers.GetHashCode(object)"/> for the identity-keyed caches, with null answered inline: most
/// members of a cache key (a comparator, a version, a display) are null, and the runtime takes its slow path for them.
/// </summary>
internal static class IdentityHash
{
    public static int Of(object? value) => value is null ? 0 : RuntimeHelpers.GetHashCode(value);
}
