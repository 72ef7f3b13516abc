using System.Globalization;
using System.Numerics;

namespace MbcFhirEdu.Core.Materials;

/// <summary>
/// Python's <c>round(x, 2)</c>: round-half-even on the exact binary value of the double, then the nearest
/// double to that decimal. <see cref="Math.Round(double, int)"/> scales by 100 first and can land on the
/// other side of a midpoint, which would make a grade of 8.005 pass in one tool and fail in the other.
/// </summary>
internal static class PythonRound
{
    public static double ToTwoDecimals(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || value == 0)
        {
            return value;
        }
        var bits = BitConverter.DoubleToInt64Bits(value);
        var negative = bits < 0;
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0)
        {
            exponent = 1; // subnormal
        }
        else
        {
            mantissa |= 1L << 52;
        }
        exponent -= 1075; // value = mantissa · 2^exponent
        BigInteger hundredths;
        if (exponent >= 0)
        {
            hundredths = new BigInteger(mantissa) * 100 << exponent;
        }
        else
        {
            var denominator = BigInteger.One << -exponent;
            hundredths = BigInteger.DivRem(new BigInteger(mantissa) * 100, denominator, out var remainder);
            var twice = remainder * 2;
            if (twice > denominator || (twice == denominator && !hundredths.IsEven))
            {
                hundredths += 1;
            }
        }
        var digits = hundredths.ToString(CultureInfo.InvariantCulture).PadLeft(3, '0');
        var text = $"{(negative ? "-" : "")}{digits[..^2]}.{digits[^2..]}";
        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
