using System.Diagnostics;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using ParkFinder.Functions.Hosting;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Tests.Deploy;

// Each endpoint and job is declared once ([HttpEndpoint] on its handler, [ScheduledFunction] on its class)
// and the build writes the [Function] entry points the Worker SDK indexes (ParkFinder.FunctionStubs).
public sealed class FunctionDeclarationTests
{
    private static readonly Assembly Functions = typeof(HttpEndpointAttribute).Assembly;

    [Fact]
    public void EveryDeclaredEndpointIsAFunctionWithExactlyItsNameMethodRouteAndLevel()
    {
        var declared = Functions.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Handler: m, Endpoint: m.GetCustomAttribute<HttpEndpointAttribute>())).Where(x => x.Endpoint is not null).ToList();
        Assert.True(declared.Count > 40, $"only {declared.Count} declared endpoints found");
        foreach (var (handler, endpoint) in declared)
        {
            var function = Assert.Single(FunctionCatalog.Http, f => f.Handler == handler);
            Assert.Equal(endpoint!.Name, function.Name);
            Assert.Equal(endpoint.Route, function.Route);
            Assert.Equal(endpoint.Level, function.Level);
            // A PATCH also takes the POST that tunnels it from wx.request; nothing else takes a second method.
            string[] methods = endpoint.Method.Equals("patch", StringComparison.OrdinalIgnoreCase) ? ["PATCH", "POST"] : [endpoint.Method.ToUpperInvariant()];
            Assert.Equal(methods, function.Methods);
        }
        // and nothing is a function that was not declared: every HTTP function but the jobs' run-now routes
        var jobs = JobClasses().Select(j => j.Declaration.RunNow).ToHashSet();
        Assert.Equal(FunctionCatalog.Http.Select(f => f.Name).Where(n => !jobs.Contains(n)).Order(), declared.Select(d => d.Endpoint!.Name).Order());
    }

    [Fact]
    public void EveryDeclaredJobHasItsTimerOnItsScheduleSettingAndAnOperatorsRunNowRoute()
    {
        var jobs = JobClasses();
        Assert.NotEmpty(jobs);
        foreach (var (type, job) in jobs)
        {
            var timer = Assert.Single(FunctionCatalog.Timers, t => t.Method.DeclaringType == type);
            Assert.Equal(job.Name, timer.Name);
            Assert.Equal($"%Jobs:{job.Name}:Schedule%", timer.Schedule);
            var runNow = Assert.Single(FunctionCatalog.Http, f => f.Name == job.RunNow);
            Assert.Equal(["POST"], runNow.Methods);
            Assert.Equal((job.Route, AuthorizationLevel.Function, CallerAccess.Admin), (runNow.Route, runNow.Level, runNow.Access));
            Assert.Equal(type, runNow.Handler.DeclaringType);
        }
        Assert.Equal(jobs.Count, FunctionCatalog.Timers.Count);
    }

    // A class that declares a function but is not partial cannot take its entry point: the build stops
    // with an error at the class, not with a missing function in Azure.
    [Fact]
    public Task AClassThatDeclaresAnEndpointButIsNotPartialFailsTheBuildAtItsPlace() => InScratchAsync("""
        namespace Sample;

        public static class Api
        {
            [HttpEndpoint("GetThing", "get", "things/{id}")]
            public static string Get(string id) => id;
        }
        """, async (source, output) =>
    {
        var (exit, errors) = await RunStubsAsync(output, source);
        Assert.Equal(1, exit);
        Assert.Contains($"{source}(3,21): error PFSTUB1: 'Api' declares functions, so it must be partial", errors);

        await File.WriteAllTextAsync(source, (await File.ReadAllTextAsync(source)).Replace("static class", "static partial class"));
        (exit, errors) = await RunStubsAsync(output, source);
        Assert.Equal((0, ""), (exit, errors));
        var written = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(output, "*.g.cs")));
        Assert.Contains("public static partial class Api", written);
        Assert.Contains("GetFunction([global::Microsoft.Azure.Functions.Worker.HttpTrigger(global::Microsoft.Azure.Functions.Worker.AuthorizationLevel.Anonymous, \"get\", Route = \"things/{id}\")]", written);
        Assert.Contains("FunctionEndpoint.RunAsync(req, Get);", written);

        // A declaration removed: its entry points go with it.
        await File.WriteAllTextAsync(source, "namespace Sample;\n\npublic static class Api;\n");
        (exit, _) = await RunStubsAsync(output, source);
        Assert.Equal(0, exit);
        Assert.Empty(Directory.GetFiles(output, "*.g.cs"));
    });

    // The tool reads a declaration as the compiler does: under #if only when the build defines the symbol.
    [Fact]
    public Task ADeclarationUnderIfIsWrittenOnlyWhenTheBuildDefinesItsSymbol() => InScratchAsync("""
        namespace Sample;

        public static partial class Api
        {
        #if DEMO
            [HttpEndpoint("GetDemo", "get", "demo")]
            public static string Demo() => "demo";
        #endif
            [HttpEndpoint("GetThing", "get", "things/{id}")]
            public static string Get(string id) => id;
        }
        """, async (source, output) =>
    {
        Assert.Equal(0, (await RunStubsAsync(output, source)).Exit);
        var written = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(output, "*.g.cs")));
        Assert.Contains("GetFunction(", written);
        Assert.DoesNotContain("DemoFunction(", written);

        Assert.Equal(0, (await RunStubsAsync(output, source, "TRACE;DEMO")).Exit);
        Assert.Contains("DemoFunction(", await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(output, "*.g.cs"))));
    });

    // A source file in a folder of its own, and the folder the tool writes to.
    private static async Task InScratchAsync(string code, Func<string, string, Task> test)
    {
        var folder = Directory.CreateTempSubdirectory("stubs-");
        try
        {
            var source = Path.Combine(folder.FullName, "Api.cs");
            await File.WriteAllTextAsync(source, code);
            await test(source, Path.Combine(folder.FullName, "out"));
        }
        finally { folder.Delete(recursive: true); }
    }

    private static List<(Type Type, ScheduledFunctionAttribute Declaration)> JobClasses() =>
        Functions.GetTypes().Select(t => (Type: t, Declaration: t.GetCustomAttribute<ScheduledFunctionAttribute>()!)).Where(x => x.Declaration is not null).ToList();

    private static async Task<(int Exit, string Errors)> RunStubsAsync(string output, string source, string? defines = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = Path.GetDirectoryName(source)! };
        string[] args = defines is null ? [LocalHostBuild.FunctionStubsDll, output, source] : [LocalHostBuild.FunctionStubsDll, "--define", defines, output, source];
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await errors).Trim());
    }
}
