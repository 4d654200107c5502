using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using ParkFinder.Functions.Search;
using ParkFinder.Functions.Search.Understanding;

namespace ParkFinder.Benchmarks;

// In-process, at full size: what reading a search box line adds to a search, suggestions as one types,
// and the relaxations computed when a search finds nothing.
public static class SearchBoxBenchmark
{
    private static readonly string[] Lines =
    [
        "苏州 厂房 2000平以上", "深圳 南山 写字楼 100元以内", "求租 深圳 宝安 厂房 3000-5000平 30元以内", "北京 海淀 办公 500平左右",
        "suzhou 仓库", "杭州 人工智能 研发楼 1.2元/天", "上海 浦东 生物医药 4星以上", "成都 厂房 1万平以上 地铁", "武汉 江夏 医疗器械 厂房",
        "光谷生物城", "智谷科技园 办公", "两千平 厂房 近地铁 可注册", "广州 黄埔 仓库 20-30元", "10亩 土地 常州 武进", "未来健康 园区",
        "找个 东莞 厂房 五星", "深圳湾 写字楼", "AI 芯片 苏州 厂房 租金补贴", "chongqing 厂房", "有没有 天河 写字楼 出租 300平以内",
    ];
    private static readonly string[] Typed = ["sz", "su", "深", "苏州", "shen", "生物", "办公", "未来", "科技", "guang", "智谷", "hz"];
    private static readonly string[] Empty =
    [
        "city=440300&spaceType=office&maxRent=1", "spaceType=land&minArea=90000000", "city=110000&spaceType=warehouse&maxRent=11",
        "district=440305&minStars=5&spaceType=factory&minArea=14000", "lat=30.27&lng=120.16&radiusKm=0.5&spaceType=factory",
        "q=%E4%B8%8D%E5%AD%98%E5%9C%A8&city=320500", "industry=%E8%88%AA%E7%A9%BA%E8%88%AA%E5%A4%A9&city=441900&spaceType=office&maxRent=2",
    ];

    public static void Run(int parks, int units, int iterations)
    {
        Console.WriteLine($"## Search box, suggestions and relaxations: {parks:N0} parks, {units:N0} units, {iterations:N0} runs each");
        var index = Timing.SyntheticIndex(parks, units);
        var watch = Stopwatch.StartNew();
        var lexicon = index.Lexicon;
        Console.WriteLine($"lexicon built on first use: {watch.Elapsed.TotalMilliseconds:0} ms");
        watch.Restart();
        index.Search(new ParkQuery { Text = "guanggu", Sort = SearchSort.Relevance });
        Console.WriteLine($"park names by pinyin, built on the first Latin term: {watch.Elapsed.TotalMilliseconds:0} ms");
        watch.Restart();
        Suggestions.For(index, "sz", 8);
        Console.WriteLine($"suggestion entries built on first use: {watch.Elapsed.TotalMilliseconds:0} ms");
        Console.WriteLine();
        Console.WriteLine("| what | p50 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|");
        var reading = Timing.Measure(Lines.Select<string, Action>(line => () => QueryReader.Read(line, lexicon)).ToArray(), iterations);
        Row($"reading a line ({Lines.Length} lines of 4-26 characters)", reading);
        var searches = Lines.Select(line => Effective(index, line)).ToArray();
        Row("the searches those lines stand for", Timing.Measure(searches.Select<ParkQuery, Action>(q => () => index.Search(q)).ToArray(), iterations));
        Row($"suggest ({Typed.Length} inputs, 8 each)", Timing.Measure(Typed.Select<string, Action>(t => () => Suggestions.For(index, t, 8)).ToArray(), iterations));
        // The HTTP mix's q searches: the line as text (as before the search box read it) against the line read.
        Console.WriteLine();
        Console.WriteLine("| HTTP mix query | as text: total, p50 ms | read: interpreted, total, p50 ms (reading included) |");
        Console.WriteLine("|---|---|---|");
        foreach (var (name, query) in QuerySet.All.Where(x => x.Query.Contains("q=")))
        {
            var request = new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query));
            var asText = QuerySet.Parse(query);
            var read = SearchBoxReading.Read(request, index.Lexicon)!;
            var readQuery = new SearchParameters(read.Effective).Parse(out _)!;
            var before = Timing.Measure([() => index.Search(new SearchParameters(request).Parse(out _)!)], iterations);
            var after = Timing.Measure([() => index.Search(new SearchParameters(SearchBoxReading.Read(request, index.Lexicon)!.Effective).Parse(out _)!)], iterations);
            Console.WriteLine($"| {name} `{query}` | {index.Search(asText).Total:N0}, {Percentiles.Of(before, 50):0.000} | "
                + $"{string.Join("&", read.Interpreted.Select(f => f.Key + "=" + string.Join(",", f.Value)))} text '{read.Interpretation.Text}', {index.Search(readQuery).Total:N0}, {Percentiles.Of(after, 50):0.000} |");
        }
        Console.WriteLine();
        var empty = Empty.Select(QuerySet.Parse).Where(q => index.Search(q).Total == 0).ToArray(); // on another catalog some may find parks
        Row($"relaxations ({empty.Length} searches that find nothing)", Timing.Measure(empty.Select<ParkQuery, Action>(q => () => Relaxations.For(index, q)).ToArray(), iterations / 4));
    }

    // The query GET /api/parks runs for a line.
    private static ParkQuery Effective(ParkSearchIndex index, string line)
    {
        var reading = SearchBoxReading.Read(new QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["q"] = line }), index.Lexicon)!;
        var parameters = new SearchParameters(reading.Effective);
        var q = parameters.Parse(out _) ?? throw new InvalidOperationException(line + ": " + string.Join(",", parameters.Errors.Keys));
        return EcosystemFilters.Resolve(q, index.Definitions, parameters.Errors);
    }


    private static void Row(string what, double[] times) =>
        Console.WriteLine($"| {what} | {Percentiles.Of(times, 50):0.0000} | {Percentiles.Of(times, 99):0.0000} | {times[^1]:0.000} |");
}
