using MeetingPrep.Connectors.Graph;
using Xunit;

namespace MeetingPrep.Connectors.Tests.Graph;

public sealed class MailboxGateTests
{
    private readonly MailboxGate _gate = new(new GraphOptions { MaxConcurrencyPerMailbox = 4 });

    [Fact]
    public async Task A_batch_takes_one_place_per_request_and_callers_are_served_in_turn()
    {
        var ct = TestContext.Current.CancellationToken;
        var three = await _gate.EnterAsync("adele@contoso.com", ct, requests: 3);
        var four = _gate.EnterAsync("adele@contoso.com", ct, requests: 4);
        var one = _gate.EnterAsync("adele@contoso.com", ct);

        // One place is free, but the batch of four asked first: the single call does not overtake it.
        Assert.False(four.IsCompleted);
        Assert.False(one.IsCompleted);

        three.Dispose();
        var fourPermit = await four;
        Assert.False(one.IsCompleted);

        fourPermit.Dispose();
        (await one).Dispose();
    }

    [Fact]
    public async Task Mailboxes_do_not_share_places()
    {
        var ct = TestContext.Current.CancellationToken;
        using var full = await _gate.EnterAsync("adele@contoso.com", ct, requests: 4);

        using var other = await _gate.EnterAsync("megan@contoso.com", ct, requests: 4);
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_queue_and_lets_the_next_one_in()
    {
        var ct = TestContext.Current.CancellationToken;
        using var held = await _gate.EnterAsync("adele@contoso.com", ct, requests: 2);
        using var cancel = new CancellationTokenSource();
        var big = _gate.EnterAsync("adele@contoso.com", cancel.Token, requests: 4);
        var small = _gate.EnterAsync("adele@contoso.com", ct, requests: 2);
        Assert.False(small.IsCompleted);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => big);
        (await small).Dispose();
    }

    [Fact]
    public async Task A_call_cannot_carry_more_requests_than_the_mailbox_allows() =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _gate.EnterAsync("adele@contoso.com", TestContext.Current.CancellationToken, requests: 5));
}
