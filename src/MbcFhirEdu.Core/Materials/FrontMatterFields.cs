using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MbcFhirEdu.Core.Materials;

/// <summary>
/// Typed reads of front-matter keys that record a <see cref="ContentProblem"/> (file, field, line) instead of
/// throwing. <see cref="Broken"/> is set when a key a <see cref="Material"/> cannot do without is missing or mistyped.
/// </summary>
internal sealed class FrontMatterFields(string file, int lineOffset, YamlMappingNode mapping, List<ContentProblem> problems)
{
    public bool Broken { get; private set; }

    public int LineOf(YamlNode node) => (int)node.Start.Line + lineOffset;

    public IEnumerable<(string Key, YamlNode Node)> Keys =>
        mapping.Children.Select(kv => ((kv.Key as YamlScalarNode)?.Value ?? "", kv.Key));

    public YamlNode? Find(string key) =>
        mapping.Children.FirstOrDefault(kv => (kv.Key as YamlScalarNode)?.Value == key).Value;

    public void Report(string field, string message, YamlNode? node = null, bool breaks = false)
    {
        problems.Add(new ContentProblem(file, field, message, node is null ? lineOffset : LineOf(node)));
        Broken |= breaks;
    }

    public string Text(string key)
    {
        var node = Find(key);
        if (node is YamlScalarNode scalar && !IsNull(scalar.Value, scalar) && !string.IsNullOrWhiteSpace(scalar.Value))
        {
            return scalar.Value.Trim();
        }
        Report(key, node is null ? "is required" : "must be a non-empty text", node, breaks: true);
        return "";
    }

    public IReadOnlyList<string> List(string key, bool required, bool nonEmpty)
    {
        var node = Find(key);
        if (node is null)
        {
            if (required)
            {
                Report(key, "is required (use [] for none)", breaks: true);
            }
            return [];
        }
        if (node is YamlScalarNode scalar && IsNull(scalar.Value, scalar))
        {
            node = new YamlSequenceNode();
        }
        if (node is not YamlSequenceNode sequence || sequence.Children.Any(c => c is not YamlScalarNode s || string.IsNullOrWhiteSpace(s.Value)))
        {
            Report(key, "must be a list of texts, e.g. [a, b]", node, breaks: true);
            return [];
        }
        if (nonEmpty && sequence.Children.Count == 0)
        {
            Report(key, "must not be empty", node, breaks: true);
        }
        return sequence.Children.Select(c => ((YamlScalarNode)c).Value!.Trim()).ToList();
    }

    public int? Integer(string key)
    {
        var node = Find(key);
        if (node is YamlScalarNode { Style: ScalarStyle.Plain } s
            && int.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        Report(key, node is null ? "is required" : "must be a whole number", node, breaks: true);
        return null;
    }

    public bool Boolean(string key)
    {
        var node = Find(key);
        if (node is YamlScalarNode { Style: ScalarStyle.Plain, Value: { } v })
        {
            if (v is "true" or "True" or "TRUE")
            {
                return true;
            }
            if (v is "false" or "False" or "FALSE")
            {
                return false;
            }
        }
        Report(key, node is null ? "is required (true or false)" : "must be true or false", node, breaks: true);
        return false;
    }

    /// <summary>True when the key is there with something other than null or blank.</summary>
    public bool HasValue(string key) =>
        Find(key) is { } node && !(node is YamlScalarNode scalar && (IsNull(scalar.Value, scalar) || string.IsNullOrWhiteSpace(scalar.Value)));

    /// <summary>A text that may be absent or empty (""); null or empty both read as "".</summary>
    public string OptionalText(string key)
    {
        if (!HasValue(key))
        {
            return "";
        }
        var node = Find(key);
        if (node is YamlScalarNode { Value: { } value })
        {
            return value.Trim();
        }
        Report(key, "must be a text", node);
        return "";
    }

    /// <summary>A date that may be absent or empty (""): null then, and null with a problem when it is not YYYY-MM-DD.</summary>
    public DateOnly? OptionalDate(string key)
    {
        var text = OptionalText(key);
        if (text.Length == 0)
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        Report(key, $"'{text}' must be a date YYYY-MM-DD", Find(key));
        return null;
    }

    // A plain `key:` or `key: ~` / `null` is YAML null, not the text "null".
    private static bool IsNull(string? value, YamlScalarNode node) =>
        node.Style == ScalarStyle.Plain && (string.IsNullOrEmpty(value) || value is "~" or "null" or "Null" or "NULL");
}
