using ParkFinder.Benchmarks;

// dotnet run -c Release --project tests/ParkFinder.Benchmarks -- <mode> [options]
//   search [parks] [units] [iterations]              in-process index benchmark
//   seed <baseUrl> <adminKey> [parks] [units]         import the synthetic catalog through the admin API
//   trends [leases] [parks]                           the trend metric computation alone
//   leases <connectionString> <prefix> <baseUrl> <adminKey> [files] [rows]   trend job end to end against Azurite
//   snapshot <connectionString> <tablePrefix> [parks] [units]   write the catalog's index image for the app's cold start, and time reading it
//   load <baseUrl> [seconds] [concurrency]            HTTP load of the query set from this process
//   wrk-script <path>                                 the query set as a wrk script (scripts/bench.sh runs wrk with it)
//   naive <connectionString> <tablePrefix> [runs]     the query set answered by Table Storage per request
//   alerts [searches] [events]                        the alert job's matching of saved searches against events
//   searchbox [parks] [units] [iterations]            reading search box lines, suggestions and relaxations
//   map [parks] [units] [iterations]                  map clusters and facets
var mode = args.FirstOrDefault() ?? "search";
int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i]) : fallback;
switch (mode)
{
    case "search": SearchBenchmark.Run(Arg(1, 50_000), Arg(2, 500_000), Arg(3, 2_000)); break;
    case "seed": await SeedCommand.RunAsync(args[1], args[2], Arg(3, 50_000), Arg(4, 500_000)); break;
    case "trends": TrendBenchmark.Run(Arg(1, 1_000_000), Arg(2, 5_000)); break;
    case "leases": await LeaseJobCommand.RunAsync(args[1], args[2], args[3], args[4], Arg(5, 20), Arg(6, 5_000)); break;
    case "snapshot": await SnapshotSeedCommand.RunAsync(args[1], args[2], Arg(3, 50_000), Arg(4, 500_000)); break;
    case "load": await LoadCommand.RunAsync(args[1], Arg(2, 30), Arg(3, 64)); break;
    case "wrk-script": WrkScript.Write(args[1]); break;
    case "alerts": AlertBenchmark.Run(Arg(1, 10_000), Arg(2, 1_000)); break;
    case "searchbox": SearchBoxBenchmark.Run(Arg(1, 50_000), Arg(2, 500_000), Arg(3, 1_000)); break;
    case "map": MapBenchmark.Run(Arg(1, 50_000), Arg(2, 500_000), Arg(3, 1_000)); break;
    case "naive": await NaiveTableSearch.RunAsync(args[1], args[2], Arg(3, 3)); break;
    default: Console.Error.WriteLine($"unknown mode {mode}"); return 2;
}
return 0;
