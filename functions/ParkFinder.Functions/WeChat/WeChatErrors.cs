namespace ParkFinder.Functions.WeChat;

// WeChat answered with an errcode we do not retry (e.g. 40029 invalid code, 45011 rate limited).
public sealed class WeChatException(int errorCode, string? errorMessage)
    : Exception($"WeChat error {errorCode}: {errorMessage}")
{
    public int ErrorCode { get; } = errorCode;

    public const int SystemBusy = -1;
    public const int InvalidCredential = 40001;
    public const int InvalidCode = 40029;
    public const int CodeUsed = 40163;
    public const int RateLimited = 45011;
    public const int RiskyContent = 87014;
    public const int SubscriptionRefused = 43101;
}

// WeChat could not be reached, timed out, or stayed busy through every retry.
public sealed class WeChatUnavailableException(string reason, Exception? inner = null) : Exception("WeChat is unavailable: " + reason, inner);
