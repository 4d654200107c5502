// Loaded into each Azurite the tests start (node --require): the emulator exits once the test process that
// started it is gone. The test process kills it when it exits normally, but the test platform may end that
// process before its exit handlers have run (a short `dotnet test --filter` run often did), which left
// emulators running, each holding ~150 MB.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(0); // re-parented: the test process has ended
}, 1000).unref();
