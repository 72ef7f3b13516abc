namespace MbcFhirEdu.Fhir.Tests.Support;

/// <summary>
/// Bytes handed out a few at a time (1 to <c>maxRead</c> per read, from a fixed seed), so a reader's buffer boundaries
/// fall anywhere: inside an entry, a string, an escape. Seekable or not, as asked: a reader may read a seekable stream twice.
/// </summary>
public sealed class TrickleStream(byte[] bytes, bool seekable, int maxRead = 7, int seed = 14) : Stream
{
    private readonly Random _sizes = new(seed);
    private long _position;

    public override int Read(byte[] buffer, int offset, int count)
    {
        var size = (int)Math.Min(Math.Min(count, _sizes.Next(1, maxRead + 1)), bytes.Length - _position);
        Array.Copy(bytes, _position, buffer, offset, size);
        _position += size;
        return size;
    }

    public override bool CanRead => true;
    public override bool CanSeek => seekable;
    public override bool CanWrite => false;
    public override long Length => seekable ? bytes.Length : throw new NotSupportedException();

    public override long Position
    {
        get => seekable ? _position : throw new NotSupportedException();
        set => _position = seekable ? value : throw new NotSupportedException();
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => bytes.Length + offset,
    };

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
