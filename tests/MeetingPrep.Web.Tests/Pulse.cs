namespace MeetingPrep.Web.Tests;

/// <summary>
/// Raised whenever something a test may be waiting for has happened (a fake server received a request, a job finished).
/// <see cref="Wait.UntilAsync(Func{Task{bool}}, Pulse[])"/> re-checks its condition on each pulse instead of on a timer.
/// </summary>
public sealed class Pulse
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>Completes at the first <see cref="Raise"/> after it was read.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Raise() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
