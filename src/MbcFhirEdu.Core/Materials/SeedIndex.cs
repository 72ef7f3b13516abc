using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MbcFhirEdu.Core.Materials;

/// <summary>
/// A stretch of a text that repeats seed text: its first token index, its length in tokens, the words
/// (lower-cased, single spaces) and the 1-based line of the text where it starts.
/// </summary>
public sealed record CopiedRun(int FirstToken, int TokenCount, string Text, int Line);

/// <summary>
/// Detects runs of <see cref="RunLength"/> words copied from the seed texts, with the tokenisation of
/// <c>tools/readability.py</c> (lower-cased <c>[a-z0-9']+</c>). The index keeps only 64-bit FNV-1a hashes
/// of each 8-word string (words joined by single spaces), so it can ship as a fingerprint file to machines
/// that do not have the seeds: one lower-case hex hash per line, sorted, unique.
/// </summary>
public sealed partial class SeedIndex
{
    /// <summary>Words per run.</summary>
    public const int RunLength = 8;

    private readonly HashSet<ulong> hashes;

    private SeedIndex(HashSet<ulong> hashes) => this.hashes = hashes;

    /// <summary>Distinct 8-word runs in the index.</summary>
    public int Count => hashes.Count;

    /// <summary>Indexes seed texts.</summary>
    public static SeedIndex FromTexts(IEnumerable<string> texts)
    {
        var set = new HashSet<ulong>();
        foreach (var text in texts)
        {
            var tokens = Tokens(text);
            for (var i = 0; i + RunLength <= tokens.Count; i++)
            {
                set.Add(Fnv1a64(string.Join(' ', tokens.Skip(i).Take(RunLength))));
            }
        }
        return new SeedIndex(set);
    }

    /// <summary>Indexes every <c>*.txt</c> directly in <paramref name="directory"/> (like Python's glob, hidden files are skipped).</summary>
    public static SeedIndex FromDirectory(string directory)
    {
        // errors="ignore" in the script: undecodable bytes vanish rather than becoming U+FFFD.
        var utf8 = Encoding.GetEncoding("utf-8", EncoderFallback.ExceptionFallback, new DecoderReplacementFallback(""));
        var texts = Directory.EnumerateFiles(directory, "*.txt", SearchOption.TopDirectoryOnly)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .Select(f => utf8.GetString(File.ReadAllBytes(f)));
        return FromTexts(texts);
    }

    /// <summary>Reads a fingerprint (one hex hash per line; blank lines ignored).</summary>
    /// <exception cref="FormatException">A line is not a 64-bit hex number; the message names the line.</exception>
    public static SeedIndex FromFingerprint(TextReader reader)
    {
        var set = new HashSet<ulong>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }
            if (trimmed.Length > 16 || !ulong.TryParse(trimmed, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hash))
            {
                throw new FormatException($"seed fingerprint line {number}: '{trimmed}' is not a 64-bit hex hash");
            }
            set.Add(hash);
        }
        return new SeedIndex(set);
    }

    /// <summary>Reads a fingerprint file written by <see cref="WriteFingerprint"/>.</summary>
    public static SeedIndex FromFingerprintFile(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return FromFingerprint(reader);
    }

    /// <summary>Writes the fingerprint: 16-digit lower-case hex per line, sorted, each ending in '\n'.</summary>
    public void WriteFingerprint(TextWriter writer)
    {
        foreach (var hash in hashes.Order())
        {
            writer.Write(hash.ToString("x16", CultureInfo.InvariantCulture));
            writer.Write('\n');
        }
    }

    /// <summary>Writes the fingerprint to <paramref name="path"/> (UTF-8, no BOM).</summary>
    public void WriteFingerprintFile(string path)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        WriteFingerprint(writer);
    }

    /// <summary>True when this exact 8-word string (single spaces, lower case) is in the index.</summary>
    public bool Contains(string eightWords) => hashes.Contains(Fnv1a64(eightWords));

    /// <summary>The copied stretches of <paramref name="text"/>: overlapping 8-word hits merge into one run.</summary>
    public IReadOnlyList<CopiedRun> FindRuns(string text)
    {
        var lowered = PlainText.Lower(text);
        var matches = Token().Matches(lowered);
        var tokens = matches.Select(m => m.Value).ToList();
        var runs = new List<CopiedRun>();
        int start = -1, end = -1; // current run covers tokens [start, end)
        for (var i = 0; i + RunLength <= tokens.Count; i++)
        {
            if (!Contains(string.Join(' ', tokens.Skip(i).Take(RunLength))))
            {
                continue;
            }
            if (start >= 0 && i < end)
            {
                end = i + RunLength;
                continue;
            }
            Close();
            (start, end) = (i, i + RunLength);
        }
        Close();
        return runs;

        void Close()
        {
            if (start >= 0)
            {
                // Lower-casing never adds or removes newlines, so the line count matches the original text.
                var line = lowered.AsSpan(0, matches[start].Index).Count('\n') + 1;
                runs.Add(new CopiedRun(start, end - start, string.Join(' ', tokens.Skip(start).Take(end - start)), line));
            }
        }
    }

    /// <summary>The script's tokens: the text lower-cased, then every <c>[a-z0-9']+</c>.</summary>
    public static IReadOnlyList<string> Tokens(string text) =>
        Token().Matches(PlainText.Lower(text)).Select(m => m.Value).ToList();

    /// <summary>64-bit FNV-1a over the UTF-8 bytes.</summary>
    public static ulong Fnv1a64(string value)
    {
        var hash = 0xcbf29ce484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            hash ^= b;
            hash *= 0x100000001b3UL;
        }
        return hash;
    }

    [GeneratedRegex("[a-z0-9']+", RegexOptions.CultureInvariant)]
    private static partial Regex Token();
}
