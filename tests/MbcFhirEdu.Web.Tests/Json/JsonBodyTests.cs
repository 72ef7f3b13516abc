using System.Text.Json;
using MbcFhirEdu.Fhir.Input;
using MbcFhirEdu.Web.Infrastructure.Json;

namespace MbcFhirEdu.Web.Tests.Json;

public sealed class JsonBodyTests
{
    [Fact]
    public void ValidUtf8_IncludingFourByteCharacters_IsParsed()
    {
        var (document, error) = JsonBody.Parse("{\"note\":\"café 🎗️ ñ\"}"u8.ToArray(), default);

        using (document)
        {
            Assert.Null(error);
            Assert.Equal("café 🎗️ ñ", document!.RootElement.GetProperty("note").GetString());
        }
    }

    [Theory]
    [InlineData(new byte[] { 0xFF }, 0)]
    [InlineData(new byte[] { 0x61, 0xC3, 0x28 }, 1)]          // a lead byte followed by no continuation byte
    [InlineData(new byte[] { 0x61, 0x62, 0xE2, 0x82 }, 2)]    // a three-byte sequence cut short
    [InlineData(new byte[] { 0xC0, 0xAF }, 0)]                // an overlong encoding of '/'
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, 0)]          // a UTF-16 surrogate written as UTF-8
    [InlineData(new byte[] { 0x61, 0x62, 0x63 }, -1)]
    public void FirstInvalidByte_FindsTheOffset(byte[] bytes, int expected) =>
        Assert.Equal(expected, Utf8Text.FirstInvalidByte(bytes));

    [Fact]
    public void InvalidUtf8OnALaterLine_NamesLineAndByte_NotTheContent()
    {
        byte[] body = [.. "{\n  \"note\": \"secret "u8, 0xFF, .. "\"\n}"u8];

        var (document, error) = JsonBody.Parse(body, default);

        Assert.Null(document);
        Assert.Equal("The body is not valid UTF-8 (line 2, byte 19).", error);
    }

    [Fact]
    public void MalformedJson_StillNamesLineAndByte()
    {
        var (document, error) = JsonBody.Parse("{\"a\":}"u8.ToArray(), default);

        Assert.Null(document);
        Assert.Equal("The body is not valid JSON (line 1, byte 6).", error);
    }

    [Fact]
    public void DepthLimit_IsTheCallersOptions()
    {
        var (document, error) = JsonBody.Parse("[[[1]]]"u8.ToArray(), new JsonDocumentOptions { MaxDepth = 2 });

        Assert.Null(document);
        Assert.StartsWith("The body is not valid JSON", error, StringComparison.Ordinal);
    }
}
