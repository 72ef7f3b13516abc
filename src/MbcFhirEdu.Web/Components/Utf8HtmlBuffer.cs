using System.Buffers;
using System.Text;

namespace MbcFhirEdu.Web.Components;

/// <summary>
/// A <see cref="TextWriter"/> that encodes what the renderer writes straight to UTF-8 in one buffer rented from
/// <see cref="ArrayPool{T}.Shared"/>: a 172 KB page then costs no StringBuilder, no string of twice its size and no
/// byte copy (about 770 KB on the large-object heap per page before). Dispose returns the buffer; <see cref="Utf8"/>
/// is valid until then.
/// </summary>
internal sealed class Utf8HtmlBuffer(int initialBytes) : TextWriter
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    // Stateful, so a surrogate pair split across two writes is still encoded as one character.
    private readonly Encoder _encoder = Utf8NoBom.GetEncoder();
    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialBytes, 256));
    private int _length;

    public override Encoding Encoding => Utf8NoBom;

    /// <summary>What was written, as UTF-8 (valid until the buffer is disposed).</summary>
    public ReadOnlyMemory<byte> Utf8
    {
        get
        {
            // A high surrogate left at the very end is written out (as U+FFFD, as any UTF-8 encoder would).
            _length += _encoder.GetBytes([], Reserve(4), flush: true);
            return _buffer!.AsMemory(0, _length);
        }
    }

    public byte[] ToArray() => Utf8.ToArray();

    public override void Write(char value) => Write(new ReadOnlySpan<char>(in value));

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(ReadOnlySpan<char> buffer)
    {
        if (buffer.IsEmpty) return;
        // UTF-8 needs at most 3 bytes per UTF-16 unit, plus 1 for a pending high surrogate completed here.
        _length += _encoder.GetBytes(buffer, Reserve(buffer.Length * 3 + 1), flush: false);
    }

    /// <summary>The free end of the buffer, at least <paramref name="bytes"/> long (grown by renting a larger one).</summary>
    private Span<byte> Reserve(int bytes)
    {
        var buffer = _buffer ?? throw new ObjectDisposedException(nameof(Utf8HtmlBuffer));
        if (buffer.Length - _length < bytes)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, _length + bytes));
            buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
            _buffer = buffer = larger;
        }
        return buffer.AsSpan(_length);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
        base.Dispose(disposing);
    }
}
