namespace ParkFinder.Tests.Infrastructure;

// The local host as built beside these tests, for the tests that run it as its own process.
public static class LocalHostBuild
{
    public static string Dll => Path.Combine(Azurite.RepoRoot(), "functions", "ParkFinder.LocalHost", "bin",
#if DEBUG
        "Debug",
#else
        "Release",
#endif
        "net10.0", "ParkFinder.LocalHost.dll");
}
