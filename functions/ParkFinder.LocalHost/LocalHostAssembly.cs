namespace ParkFinder.LocalHost;

// Names this assembly for WebApplicationFactory: tests also see the worker's (internal) Program.
public sealed class LocalHostAssembly;
