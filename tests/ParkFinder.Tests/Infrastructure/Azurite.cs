using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ParkFinder.Storage;

namespace ParkFinder.Tests.Infrastructure;

// One in-memory Azurite per test process, on free loopback ports, started from the repo's npm install.
// PARKFINDER_TEST_STORAGE points the tests at an already running emulator instead.
public static class Azurite
{
    private static readonly Lazy<string> Started = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static Process? _process;

    public static string ConnectionString => Started.Value;

    public static StorageConnection Connection => StorageConnection.FromConnectionString(ConnectionString);

    // A name no other test uses: tests never share tables or containers.
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    private static string Start()
    {
        var configured = Environment.GetEnvironmentVariable("PARKFINDER_TEST_STORAGE");
        if (!string.IsNullOrEmpty(configured)) return configured;

        var root = RepoRoot();
        var cli = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(cli))
            throw new InvalidOperationException($"Azurite is not installed at {cli}: run 'npm ci' in {root} (scripts/test.sh does).");

        int blobPort = FreePort(), queuePort = FreePort(), tablePort = FreePort();
        var psi = new ProcessStartInfo("node")
        {
            ArgumentList = { cli, "--inMemoryPersistence", "--silent", "--disableTelemetry", "--skipApiVersionCheck",
                "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(),
                "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(),
                "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString() },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(psi) ?? throw new InvalidOperationException("node did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();

        WaitForPort(blobPort);
        WaitForPort(tablePort);
        var a = StorageConnection.DevelopmentAccountName;
        return $"DefaultEndpointsProtocol=http;AccountName={a};AccountKey={StorageConnection.DevelopmentAccountKey};" +
               $"BlobEndpoint=http://127.0.0.1:{blobPort}/{a};TableEndpoint=http://127.0.0.1:{tablePort}/{a};";
    }

    private static void Stop()
    {
        try { if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
    }

    private static void WaitForPort(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited) throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode}.");
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
