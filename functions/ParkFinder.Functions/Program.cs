using Microsoft.Azure.Functions.Worker.Builder;
using ParkFinder.Functions;

// The Functions isolated worker: the Functions host owns triggers and scaling and invokes our
// [Function] methods; ASP.NET Core integration hands HTTP functions the real HttpRequest.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureParkFinderWorker();
builder.Build().Run();

// ASP.NET Core makes top-level Program public; kept internal so the local host's Program is the only public one.
internal partial class Program;
