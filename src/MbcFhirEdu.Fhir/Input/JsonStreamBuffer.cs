using System.Buffers;
using System.Text.Json;

namespace MbcFhirEdu.Fhir.Input;

/// <summary>
/// A refilled, growing window on a stream for a <see cref="Utf8JsonReader"/> that reads it block by block
/// (<see cref="JsonReaderState"/>, isFinalBlock false until the stream ends). Only the bytes not yet consumed are kept;
/// the window grows when one unit the caller needs whole (a token, a Bundle entry) does not fit, up to a bound.
/// </summary>
internal sealed class JsonStreamBuffer : IDisposable
{
    private const int BlockSize = 64 * 1024;
    private readonly Stream _stream;
    private readonly long _maxHeld;
    private byte[] _buffer;
    private int _start, _end;

    public JsonStreamBuffer(Stream stream, JsonReaderOptions options, long maxHeld)
    {
        _stream = stream;
        _maxHeld = maxHeld;
        _buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(maxHeld, 1, BlockSize));
        State = new JsonReaderState(options);
    }

    public JsonReaderState State { get; private set; }

    /// <summary>True once the stream has ended: what is unread is all there is.</summary>
    public bool IsFinal { get; private set; }

    /// <summary>Whether a consumed byte was a line feed (NDJSON detection: did the first value span lines?).</summary>
    public bool ConsumedNewline { get; private set; }

    public ReadOnlySpan<byte> Unread => _buffer.AsSpan(_start, _end - _start);

    public Utf8JsonReader Reader() => new(Unread, IsFinal, State);

    /// <summary>Marks what <paramref name="reader"/> consumed as read.</summary>
    public void Advance(in Utf8JsonReader reader)
    {
        var consumed = (int)reader.BytesConsumed;
        ConsumedNewline |= Unread[..consumed].Contains((byte)'\n');
        _start += consumed;
        State = reader.CurrentState;
    }

    /// <summary>Reads more of the stream; false when the unread bytes already fill the bound and none can be added.</summary>
    public bool Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= _maxHeld) return false;
            var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Min((long)_buffer.Length * 2, _maxHeld), Array.MaxLength));
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        // Fill the free space whole: a stream that returns a few bytes at a time must not make the caller re-read a unit per byte.
        while (_end < _buffer.Length)
        {
            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                IsFinal = true;
                break;
            }
            _end += read;
        }
        return true;
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
}
