using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ParkFinder.Tests.Infrastructure;

// One in-memory Azurite per test process, on free loopback ports, started from the repo's npm install.
// PARKFINDER_TEST_STORAGE points the tests at an already running emulator instead. A test that
// freezes or kills storage starts one of its own (Dedicated), so it never disturbs the others.
public sealed class Azurite : IDisposable
{
    public const string DevelopmentAccountName = "devstoreaccount1";
    // Azurite's well-known development key, published by Microsoft; not a secret.
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly Lazy<string> Shared = new(StartShared, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Process _process;

    private Azurite(Process process, string connectionString)
    {
        _process = process;
        Connection = connectionString;
    }

    public static string ConnectionString => Shared.Value;

    public string Connection { get; }
    public int ProcessId => _process.Id;

    // A name no other test uses: tests never share tables or containers.
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    public static Azurite Dedicated() => Launch();

    private static string StartShared()
    {
        var configured = Environment.GetEnvironmentVariable("PARKFINDER_TEST_STORAGE");
        if (!string.IsNullOrEmpty(configured)) return configured;
        var shared = Launch();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => shared.Dispose();
        return shared.Connection;
    }

    private static Azurite Launch()
    {
        var root = RepoRoot();
        var cli = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(cli))
            throw new InvalidOperationException($"Azurite is not installed at {cli}: run 'npm ci' in {root} (scripts/test.sh does).");

        int blobPort = FreePort(), queuePort = FreePort(), tablePort = FreePort();
        var psi = new ProcessStartInfo("node")
        {
            ArgumentList = { "--require", Path.Combine(AppContext.BaseDirectory, "exit-with-parent.cjs"), cli, "--inMemoryPersistence", "--silent", "--disableTelemetry", "--skipApiVersionCheck",
                "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(),
                "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(),
                "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString() },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(psi) ?? throw new InvalidOperationException("node did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        WaitForPort(process, blobPort);
        WaitForPort(process, tablePort);
        const string a = DevelopmentAccountName;
        return new Azurite(process, $"DefaultEndpointsProtocol=http;AccountName={a};AccountKey={DevelopmentAccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/{a};TableEndpoint=http://127.0.0.1:{tablePort}/{a};");
    }

    public void Dispose()
    {
        try
        {
            // A stopped (SIGSTOP) process must be continued before it can exit on a signal other than KILL.
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException) { }
    }

    private static void WaitForPort(Process process, int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"Azurite exited with code {process.ExitCode}.");
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) { Thread.Sleep(100); }
        }
        throw new TimeoutException($"Azurite did not listen on port {port} within 30 s.");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ParkFinder.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ParkFinder.sln not found above " + AppContext.BaseDirectory);
    }
}
