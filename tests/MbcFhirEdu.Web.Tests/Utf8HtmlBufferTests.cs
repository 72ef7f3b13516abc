using System.Text;
using MbcFhirEdu.Web.Components;

namespace MbcFhirEdu.Web.Tests;

/// <summary>The writer pages are rendered into: the same UTF-8 bytes as encoding the whole text at once.</summary>
public sealed class Utf8HtmlBufferTests
{
    [Fact]
    public void SurrogatePairSplitAcrossTwoWrites_IsEncodedAsOneCharacter()
    {
        const string text = "Lymph node \U0001F9EC map";
        var split = text.IndexOf('\uD83E', StringComparison.Ordinal) + 1;
        using var buffer = new Utf8HtmlBuffer(16);

        buffer.Write(text[..split]);
        buffer.Write(text[split..]);

        Assert.Equal(Encoding.UTF8.GetBytes(text), buffer.ToArray());
    }

    [Fact]
    public void TextLongerThanTheFirstBuffer_IsKeptWhole_InEveryWriteOverload()
    {
        var line = "<li lang=\"es\">Metástasis óseas — qué esperar</li>\n";
        var expected = new StringBuilder();
        using var buffer = new Utf8HtmlBuffer(256);

        for (var i = 0; i < 2_000; i++)
        {
            buffer.Write(line);
            buffer.Write(line.ToCharArray(), 0, 4);
            buffer.Write('ñ');
            expected.Append(line).Append(line, 0, 4).Append('ñ');
        }

        Assert.Equal(Encoding.UTF8.GetBytes(expected.ToString()), buffer.Utf8.ToArray());
    }
}
