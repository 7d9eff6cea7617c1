namespace MeetingPrep.Web.Tests;

/// <summary>Waits on events, never on a deadline: a slow or loaded machine only makes a test later, not red.</summary>
public static class Wait
{
    /// <summary>Only turns a hang (an event that never comes) into a failure; far beyond any slow machine's delay.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(5);

    /// <summary>A token cancelled by the test run or after <see cref="HangGuard"/>.</summary>
    public static CancellationTokenSource Guard()
    {
        var guard = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        guard.CancelAfter(HangGuard);
        return guard;
    }

    public static Task UntilAsync(Func<bool> condition, params Pulse[] pulses) =>
        UntilAsync(() => Task.FromResult(condition()), pulses);

    /// <summary>Checks <paramref name="condition"/> now and again after each of the <paramref name="pulses"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, params Pulse[] pulses)
    {
        using var guard = Guard();
        while (true)
        {
            // Read the next pulses before checking, so a change between the check and the wait is not missed.
            var next = Task.WhenAny(pulses.Select(p => p.Next));
            if (await condition())
            {
                return;
            }

            try
            {
                await next.WaitAsync(guard.Token);
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                throw new Xunit.Sdk.XunitException($"The condition did not hold and nothing changed for {HangGuard.TotalMinutes} minutes (a hang).");
            }
        }
    }
}
