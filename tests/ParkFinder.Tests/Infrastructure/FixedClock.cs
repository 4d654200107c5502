namespace ParkFinder.Tests.Infrastructure;

// Real time shifted so that "now" starts at the given instant, and movable forward.
public sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    private TimeSpan _offset = start - DateTimeOffset.UtcNow;
    public void Advance(TimeSpan by) => _offset += by;
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;
}
