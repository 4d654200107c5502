using Microsoft.ApplicationInsights.DataContracts;
using ParkFinder.Functions.Hosting;

namespace ParkFinder.Tests.Hosting;

public sealed class TelemetryScrubbingTests
{
    [Fact]
    public void WeChatsSecretAndTheLoginCodeNeverReachTelemetry()
    {
        var dependency = new DependencyTelemetry("Http", "api.weixin.qq.com", "GET /sns/jscode2session?appid=wx1&secret=s3cr3t&js_code=c0de",
            "https://api.weixin.qq.com/sns/jscode2session?appid=wx1&secret=s3cr3t&js_code=c0de&grant_type=authorization_code");
        var request = new RequestTelemetry { Url = new Uri("https://app.example/api/parks?q=x&cursor=abc") };
        var scrubber = new QueryStringScrubber();
        scrubber.Initialize(dependency);
        scrubber.Initialize(request);
        Assert.Equal("https://api.weixin.qq.com/sns/jscode2session", dependency.Data);
        Assert.Equal("GET /sns/jscode2session", dependency.Name);
        Assert.Equal("https://app.example/api/parks", request.Url.ToString());
    }
}
