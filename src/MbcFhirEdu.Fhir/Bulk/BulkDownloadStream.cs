namespace MbcFhirEdu.Fhir.Bulk;

/// <summary>
/// A download's body as the caller reads it: straight from the socket (nothing buffered beyond the caller's reads),
/// stopped with a <see cref="BulkExportException"/> past <c>BulkData:MaxFileBytes</c> or past <c>BulkData:DownloadTimeout</c>
/// (the timer disposes the response, which ends any read in progress). Disposing it releases the connection.
/// </summary>
internal sealed class BulkDownloadStream : Stream
{
    private readonly HttpResponseMessage _response;
    private readonly Stream _body;
    private readonly long _maxBytes;
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenRegistration _onTimeout;
    private readonly Uri _url;
    private readonly TimeSpan _limit;
    private long _read;

    public BulkDownloadStream(HttpResponseMessage response, Stream body, long maxBytes, CancellationTokenSource timeout, Uri url, TimeSpan limit)
    {
        _response = response;
        _body = body;
        _maxBytes = maxBytes;
        _timeout = timeout;
        _url = url;
        _limit = limit;
        _onTimeout = timeout.Token.Register(static state => ((HttpResponseMessage)state!).Dispose(), response);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await _body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (_timeout.IsCancellationRequested && ex is not BulkExportException)
        {
            throw TimedOut(ex);
        }
        return Count(read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        int read;
        try
        {
            read = _body.Read(buffer, offset, count);
        }
        catch (Exception ex) when (_timeout.IsCancellationRequested && ex is not BulkExportException)
        {
            throw TimedOut(ex);
        }
        return Count(read);
    }

    private int Count(int read)
    {
        _read += read;
        if (_read > _maxBytes)
            throw new BulkExportException("download", _url, "too large", $"more than BulkData:MaxFileBytes ({_maxBytes} bytes)");
        if (read == 0 && _timeout.IsCancellationRequested) throw TimedOut(null);
        return read;
    }

    private BulkExportException TimedOut(Exception? inner) =>
        new("download", _url, "timed out", $"not finished within BulkData:DownloadTimeout ({_limit})", inner);

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _onTimeout.Dispose();
            _body.Dispose();
            _response.Dispose();
            _timeout.Dispose();
        }
        base.Dispose(disposing);
    }
}
