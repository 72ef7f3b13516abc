using System.Buffers;
using System.Text;

namespace MbcFhirEdu.Fhir.Input;

/// <summary>
/// Finds bytes that are not UTF-8. System.Text.Json checks a document's structure when it parses it but a string's UTF-8
/// only when the string is read, so an invalid byte inside a string passes every syntax check and throws later, deep in
/// Firely's deserializer or a handler. Callers check first and report where, as for any other malformed input.
/// </summary>
public static class Utf8Text
{
    /// <summary>The offset of the first byte that does not start a valid UTF-8 sequence, or -1 when every byte is valid.</summary>
    public static int FirstInvalidByte(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return -1;
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != OperationStatus.Done) return offset;
            offset += consumed;
        }
        return -1;
    }

    /// <summary>The 1-based line and byte-in-line of <paramref name="offset"/>, counted as System.Text.Json counts them.</summary>
    public static (long Line, long Column) Position(ReadOnlySpan<byte> bytes, int offset)
    {
        var before = bytes[..offset];
        return (before.Count((byte)'\n') + 1, offset - before.LastIndexOf((byte)'\n'));
    }
}
