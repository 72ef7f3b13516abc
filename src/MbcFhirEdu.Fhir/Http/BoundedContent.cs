using System.Buffers;

namespace MbcFhirEdu.Fhir.Http;

/// <summary>A response body read up to a limit.</summary>
internal readonly record struct BoundedBody(byte[]? Bytes, long BytesRead, bool TooLarge, bool BudgetExhausted)
{
    public bool Complete => Bytes is not null;
}

/// <summary>Reads response bodies as a stream and stops at a byte limit, so a huge or endless body costs at most the limit.</summary>
internal static class BoundedContent
{
    private const int ChunkSize = 16 * 1024;

    public static async Task<BoundedBody> ReadAsync(HttpContent content, long maxBytes, FhirLoadBudget? budget, CancellationToken cancellationToken)
    {
        // A declared length over the limit is refused without reading a byte.
        if (content.Headers.ContentLength is { } declared && declared > maxBytes) return new BoundedBody(null, 0, true, false);

        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream(capacity: (int)Math.Min(content.Headers.ContentLength ?? ChunkSize, maxBytes));
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long total = 0;
            while (true)
            {
                var read = await stream.ReadAsync(chunk.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false);
                if (read == 0) return new BoundedBody(buffer.ToArray(), total, false, false);
                total += read;
                if (total > maxBytes) return new BoundedBody(null, total, true, false);
                if (budget is not null && !budget.TryConsume(read)) return new BoundedBody(null, total, false, true);
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
