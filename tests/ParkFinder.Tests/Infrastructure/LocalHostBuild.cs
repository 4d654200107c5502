namespace ParkFinder.Tests.Infrastructure;

// The local host and the functions as built beside these tests: the local host for the tests that run
// it as its own process, the functions' output for what the Worker SDK generated (functions.metadata),
// the function-stub writer for the tests of the declarations.
public static class LocalHostBuild
{
    private const string Configuration =
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    public static string Dll => Path.Combine(Azurite.RepoRoot(), "functions", "ParkFinder.LocalHost", "bin", Configuration, "net10.0", "ParkFinder.LocalHost.dll");

    // The build step that writes the functions' entry points from their declarations.
    public static string FunctionStubsDll => Path.Combine(Azurite.RepoRoot(), "functions", "ParkFinder.FunctionStubs", "bin", Configuration, "net10.0", "ParkFinder.FunctionStubs.dll");

    public static string FunctionsOutput => Path.Combine(Azurite.RepoRoot(), "functions", "ParkFinder.Functions", "bin", Configuration, "net10.0");
}
