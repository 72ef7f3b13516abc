using System.Buffers;

namespace MbcFhirEdu.Fhir.Input;

/// <summary>
/// Splits a stream into lines without holding more than one line (plus a read-ahead block) in memory,
/// so Bulk Data exports of any length stream through. Enforces the line limit.
/// </summary>
internal sealed class NdjsonLineReader(Stream stream, int maxLineBytes) : IDisposable
{
    public enum Status { Line, End, LineTooLong }

    private const int BlockSize = 64 * 1024;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
    private int _start, _end, _scanned;
    private bool _eof;

    /// <summary>The 1-based number of the line last returned (or being read when a limit was hit).</summary>
    public long LineNumber { get; private set; }

    /// <summary>The next line without its "\n" (a trailing "\r" is kept; callers trim whitespace). Valid until the next call.</summary>
    public Status Next(out ReadOnlyMemory<byte> line)
    {
        line = default;
        while (true)
        {
            var newline = _buffer.AsSpan(_scanned, _end - _scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var end = _scanned + newline;
                LineNumber++;
                line = _buffer.AsMemory(_start, end - _start);
                _start = _scanned = end + 1;
                return TrimmedLength(line) > maxLineBytes ? Status.LineTooLong : Status.Line;
            }
            _scanned = _end;
            if (_end - _start > maxLineBytes + 1)
            {
                LineNumber++;
                return Status.LineTooLong;
            }
            if (_eof)
            {
                if (_start == _end) return Status.End;
                LineNumber++;
                line = _buffer.AsMemory(_start, _end - _start);
                _start = _scanned = _end;
                return TrimmedLength(line) > maxLineBytes ? Status.LineTooLong : Status.Line;
            }
            Fill();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _scanned -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)_buffer.Length * 2, (long)maxLineBytes + BlockSize));
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        var read = stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _eof = true;
        _end += read;
    }

    private static int TrimmedLength(ReadOnlyMemory<byte> line) =>
        line.Span.EndsWith((byte)'\r') ? line.Length - 1 : line.Length;

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
