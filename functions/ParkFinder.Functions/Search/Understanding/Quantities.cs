using System.Globalization;

namespace ParkFinder.Functions.Search.Understanding;

public enum QuantityKind { Area, Rent, Stars, CeilingHeight, FloorLoad, Power }

// A size, price or star level read from the search box, as the filters it stands for.
public sealed record Quantity(QuantityKind Kind, double? Min, double? Max, int Length);

// Reads `2000平以上`, `2千-5千平`, `两千平`, `10亩`, `30元/平/月`, `1.2元/天`, `360元/平/年`, `20到30元`,
// `不超过50元`, `五星`, `4星以上` at a position of folded text (NFKC, lower case: ㎡ and m² are m2).
// A bare or 以上 area is a minimum, a bare or 以内 rent a maximum (a budget); 左右 is ±20 % for areas,
// ±10 % for rents. Rents are CNY/m2/month: per day ×365/12, per year /12.
public static class Quantities
{
    public const double SquareMetresPerMu = 666.67;
    private static readonly string[] AtLeastBefore = ["不少于", "不低于", "不小于", "超过", "大于", "高于", "至少", "最少", "起码", "多于"];
    private static readonly string[] AtMostBefore = ["不超过", "不大于", "不高于", "不到", "小于", "低于", "最多", "至多", "少于"];
    private static readonly string[] AtLeastAfter = ["及以上", "或以上", "以上", "往上", "起"];
    private static readonly string[] AtMostAfter = ["及以下", "或以下", "以下", "以内", "之内", "内"];
    private static readonly string[] Around = ["左右", "上下"];
    private static readonly string[] AreaUnits = ["平方米", "平方", "平米", "平", "m2", "sqm", "方"];
    private static readonly string[] RangeMarks = ["-", "~", "到", "至", "—", "–"];
    private static readonly string[] RentUnits = ["元", "块", "rmb"];
    private static readonly string[] PerMarks = ["/", "每", "一", "·", "."];
    private static readonly string[] Periods = ["月", "天", "日", "年"];
    private const string ChineseDigits = "零一二两三四五六七八九";

    // Whether a quantity can start with this character (a digit, a Chinese numeral or a bound word before it).
    public static bool StartsQuantity(char c) => char.IsAsciiDigit(c) || ChineseDigits.Contains(c) || c is '十' or '不' or '超' or '大' or '高'
        or '至' or '最' or '起' or '多' or '小' or '低' or '少' or '层' or '净' or '檐' or '承' or '荷' or '地' or '楼' or '日' or '年' or '月';

    public static Quantity? Read(string text, int start) => Spec(text, start) ?? Amount(text, start);

    // Specs a factory hunter names: 层高8米 (clear height), 承重3吨 (floor load, t/m2), 500kva (power): each a minimum.
    private static Quantity? Spec(string text, int start)
    {
        var i = start;
        QuantityKind kind;
        if (Match(text, ref i, ["层高", "净高", "檐高", "净空"])) kind = QuantityKind.CeilingHeight;
        else if (Match(text, ref i, ["地面承重", "楼面承重", "承重", "荷载"])) kind = QuantityKind.FloorLoad;
        else
        {
            if (Number(text, ref i) is not { } kva || !Match(text, ref i, ["kva", "千伏安"])) return null;
            Match(text, ref i, AtLeastAfter);
            return new Quantity(QuantityKind.Power, kva, null, i - start);
        }
        Match(text, ref i, AtLeastBefore);
        if (Number(text, ref i) is not { } value) return null;
        if (kind == QuantityKind.CeilingHeight) Match(text, ref i, ["米", "m"]);
        else if (Match(text, ref i, ["吨", "t"])) { var per = i; if (Match(text, ref per, PerMarks) && AreaUnit(text, ref per) is not null) i = per; }
        Match(text, ref i, AtLeastAfter);
        return new Quantity(kind, value, null, i - start);
    }

    private static Quantity? Amount(string text, int start)
    {
        var i = start;
        // 日租金1.2元, 年租360元: the period named first.
        var periodFirst = Match(text, ref i, ["日租金", "日租"]) ? 365.0 / 12 : Match(text, ref i, ["年租金", "年租"]) ? 1.0 / 12
            : Match(text, ref i, ["月租金", "月租"]) ? 1 : 0;
        var bound = Match(text, ref i, AtLeastBefore) ? 1 : Match(text, ref i, AtMostBefore) ? -1 : 0;
        if (Number(text, ref i) is not { } first) return null;
        var afterFirst = i;
        var firstUnit = AreaUnit(text, ref i);
        double? second = null;
        var beforeRange = i;
        if (Match(text, ref i, RangeMarks) && Number(text, ref i) is { } n) second = n;
        else i = beforeRange;
        if (second is null && firstUnit is null) i = afterFirst;

        QuantityKind kind;
        double scale;
        var unit = second is null ? firstUnit : AreaUnit(text, ref i) ?? firstUnit;
        if (unit is not null) (kind, scale) = (QuantityKind.Area, unit.Value);
        else if (Match(text, ref i, RentUnits)) (kind, scale) = (QuantityKind.Rent, RentScale(text, ref i, periodFirst));
        else if (Match(text, ref i, ["星级", "星"])) (kind, scale) = (QuantityKind.Stars, 1);
        else return null;
        if (periodFirst != 0 && kind != QuantityKind.Rent) return null;
        if (second is not null && firstUnit is not null && firstUnit != unit) return null; // 2000平-3亩: not a range we read

        if (Match(text, ref i, AtLeastAfter)) bound = bound == 0 ? 1 : 2;
        else if (Match(text, ref i, AtMostAfter)) bound = bound == 0 ? -1 : 2;
        else if (Match(text, ref i, Around)) bound = bound == 0 ? 3 : 2;
        if (bound == 2 || (second is not null && bound != 0)) return null; // 超过2000平以内: contradictory

        var (a, b) = (first * scale, second * scale);
        double? min, max;
        if (b is not null) (min, max) = (a, b);
        else if (bound == 3) (min, max) = kind == QuantityKind.Area ? (a * 0.8, a * 1.2) : (a * 0.9, a * 1.1);
        else if (bound == 1 || (bound == 0 && kind != QuantityKind.Rent)) (min, max) = (a, null);
        else (min, max) = (null, a);
        if (kind == QuantityKind.Stars && (max is not null && min is null)) return null; // 4星以下: no filter for it
        return new Quantity(kind, Round(min), Round(max), i - start);
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;

    // m2 per unit named at i: 1 for 平/㎡, 666.67 for 亩; null when no area unit.
    private static double? AreaUnit(string text, ref int i)
    {
        if (Match(text, ref i, AreaUnits)) return 1;
        if (Match(text, ref i, ["亩"])) return SquareMetresPerMu;
        return null;
    }

    // 元 followed by /平/月, 每平米每天, /年 ...: the factor to CNY/m2/month.
    private static double RentScale(string text, ref int i, double periodFirst)
    {
        var scale = periodFirst == 0 ? 1.0 : periodFirst;
        var periodSeen = periodFirst != 0;
        while (true)
        {
            var at = i;
            Match(text, ref at, PerMarks);
            if (AreaUnit(text, ref at) is { } perArea) { scale /= perArea; i = at; continue; }
            if (!periodSeen && Match(text, ref at, Periods))
            {
                var period = text[at - 1];
                scale *= period is '天' or '日' ? 365.0 / 12 : period == '年' ? 1.0 / 12 : 1;
                periodSeen = true;
                i = at;
                continue;
            }
            return scale;
        }
    }

    // 2000, 1.5, 2千, 1万, 2k, 1.2w, 两千, 三千五, 一万: a number at i, or null (i unchanged).
    private static double? Number(string text, ref int i)
    {
        var start = i;
        var j = i;
        while (j < text.Length && (char.IsAsciiDigit(text[j]) || (text[j] == '.' && j > i && j + 1 < text.Length && char.IsAsciiDigit(text[j + 1])))) j++;
        if (j > i)
        {
            if (!double.TryParse(text.AsSpan(i, j - i), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) return null;
            // 2k, 1.2w: a Latin multiplier only when no letter follows (500kva is kilovolt-amperes, not 500,000).
            var latinMultiplier = j + 1 >= text.Length || !char.IsAsciiLetter(text[j + 1]);
            if (j < text.Length && (text[j] == '千' || (text[j] == 'k' && latinMultiplier))) { value *= 1000; j++; }
            else if (j < text.Length && (text[j] == '万' || (text[j] == 'w' && latinMultiplier))) { value *= 10000; j++; }
            i = j;
            return value;
        }
        // Chinese numerals: 两千, 三千五 (3,500), 一万二 (12,000), 十五.
        double total = 0, section = 0, digit = 0;
        var lastUnit = 1.0;
        var any = false;
        for (; j < text.Length; j++)
        {
            var c = text[j];
            var d = ChineseDigits.IndexOf(c);
            if (d >= 0) { digit = d == 0 ? 0 : d > 2 ? d - 1 : d; any = true; continue; }
            var unit = c switch { '十' => 10.0, '百' => 100, '千' => 1000, '万' => 10000, _ => 0 };
            if (unit == 0) break;
            if (!any && c != '十') break; // 万 alone is not a number
            any = true;
            if (unit == 10000) { total += (section + digit) * 10000; section = 0; }
            else section += (digit == 0 ? 1 : digit) * unit;
            digit = 0;
            lastUnit = unit;
        }
        if (!any) return null;
        // A digit after a unit is a tenth of it (三千五 = 3,500).
        if (digit > 0 && lastUnit >= 100) digit *= lastUnit / 10;
        i = j;
        var result = total + section + digit;
        if (result == 0 && text[start] != '零') { i = start; return null; }
        return result;
    }

    private static bool Match(string text, ref int i, string[] options)
    {
        foreach (var o in options)
            if (string.CompareOrdinal(text, i, o, 0, o.Length) == 0 && i + o.Length <= text.Length) { i += o.Length; return true; }
        return false;
    }
}
