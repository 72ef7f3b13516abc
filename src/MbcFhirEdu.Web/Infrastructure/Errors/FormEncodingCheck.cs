using MbcFhirEdu.Fhir.Input;

namespace MbcFhirEdu.Web.Infrastructure.Errors;

/// <summary>
/// Refuses an <c>application/x-www-form-urlencoded</c> body whose decoded names or values are not UTF-8, with a 400
/// naming the field. ASP.NET's form reader replaces such bytes with U+FFFD, so a form post carrying them was accepted
/// with altered text (issue 15: forms answer bad input with 400 like every other route). Bodies larger than
/// <see cref="MaxCheckedBytes"/> are left to the endpoint's own size limit.
/// </summary>
internal static class FormEncodingCheck
{
    public const int MaxCheckedBytes = 64 * 1024;
    private const string UrlEncoded = "application/x-www-form-urlencoded";

    public static IApplicationBuilder UseFormEncodingCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
            && request.ContentType?.StartsWith(UrlEncoded, StringComparison.OrdinalIgnoreCase) == true
            && request.ContentLength is null or <= MaxCheckedBytes)
        {
            request.EnableBuffering(MaxCheckedBytes);
            var body = await ReadUpToAsync(request.Body, MaxCheckedBytes + 1, context.RequestAborted);
            request.Body.Position = 0;
            if (body.Length <= MaxCheckedBytes && InvalidField(body) is { } field)
            {
                await ErrorResponses.For(context, StatusCodes.Status400BadRequest, "The form could not be read",
                    field.Length == 0 ? "A form field's name is not valid UTF-8." : $"The form field '{field}' is not valid UTF-8.", "invalid_form").ExecuteAsync(context);
                return;
            }
        }
        await next(context);
    });

    /// <summary>The name of the first field whose value is not UTF-8 once percent-decoded ("" when a name is not), or null.</summary>
    internal static string? InvalidField(ReadOnlySpan<byte> body)
    {
        foreach (var range in body.Split((byte)'&'))
        {
            var pair = body[range];
            var equals = pair.IndexOf((byte)'=');
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            if (Utf8Text.FirstInvalidByte(name) >= 0) return "";
            if (equals >= 0 && Utf8Text.FirstInvalidByte(Decode(pair[(equals + 1)..])) >= 0)
                return System.Text.Encoding.UTF8.GetString(name) is { Length: <= 40 } n ? n : "";
        }
        return null;
    }

    private static byte[] Decode(ReadOnlySpan<byte> encoded)
    {
        var decoded = new byte[encoded.Length];
        var n = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] == '%' && i + 2 < encoded.Length && Hex(encoded[i + 1]) is var high and >= 0 && Hex(encoded[i + 2]) is var low and >= 0)
            {
                decoded[n++] = (byte)(high * 16 + low);
                i += 2;
            }
            else decoded[n++] = encoded[i] == '+' ? (byte)' ' : encoded[i];
        }
        return decoded[..n];
    }

    private static int Hex(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private static async Task<byte[]> ReadUpToAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[limit];
        var read = 0;
        int n;
        while (read < limit && (n = await body.ReadAsync(buffer.AsMemory(read, limit - read), cancellationToken)) > 0) read += n;
        return buffer[..read];
    }
}
