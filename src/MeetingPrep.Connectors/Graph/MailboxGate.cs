using System.Collections.Concurrent;

namespace MeetingPrep.Connectors.Graph;

/// <summary>
/// Outlook allows 4 concurrent requests per app and mailbox, and counts each request inside a <c>$batch</c> on its own.
/// Every Graph call against a mailbox (calendar, mail, batches) goes through this one gate with the number of requests it
/// carries, so the scheduler and the interactive path together never have more than
/// <see cref="GraphOptions.MaxConcurrencyPerMailbox"/> requests in flight against one mailbox.
/// </summary>
public sealed class MailboxGate(GraphOptions options)
{
    private readonly ConcurrentDictionary<string, WeightedGate> _gates = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How many requests one call may carry at most (a batch is cut to this size).</summary>
    public int Capacity => options.MaxConcurrencyPerMailbox;

    /// <summary>Waits until <paramref name="requests"/> more may be in flight against the mailbox; disposing the permit frees them.</summary>
    public async Task<IDisposable> EnterAsync(string mailbox, CancellationToken cancellationToken, int requests = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requests, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(requests, Capacity);
        var gate = _gates.GetOrAdd(mailbox, _ => new WeightedGate(Capacity));
        await gate.EnterAsync(requests, cancellationToken).ConfigureAwait(false);
        return new Permit(gate, requests);
    }

    /// <summary>
    /// A semaphore whose callers take several units at once, first come first served: a batch of 4 waiting for the gate
    /// to empty is not overtaken forever by single calls.
    /// </summary>
    private sealed class WeightedGate(int capacity)
    {
        private readonly Lock _lock = new();
        private readonly LinkedList<Waiter> _waiters = new();
        private int _available = capacity;

        public Task EnterAsync(int units, CancellationToken cancellationToken)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return Task.FromCanceled(cancellationToken);
            }

            lock (_lock)
            {
                if (_waiters.Count == 0 && _available >= units)
                {
                    _available -= units;
                    return Task.CompletedTask;
                }

                var node = _waiters.AddLast(new Waiter(units));
                node.Value.Registration = cancellationToken.UnsafeRegister(_ => Cancel(node, cancellationToken), null);
                return node.Value.Completion.Task;
            }
        }

        public void Release(int units)
        {
            lock (_lock)
            {
                _available += units;
                GrantWaiting();
            }
        }

        private void Cancel(LinkedListNode<Waiter> node, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                if (node.List is null)
                {
                    // Granted meanwhile: the caller got its permit and will release it.
                    return;
                }

                _waiters.Remove(node);

                // A large waiter leaving the head may let smaller ones behind it in.
                GrantWaiting();
            }

            node.Value.Completion.TrySetCanceled(cancellationToken);
        }

        private void GrantWaiting()
        {
            while (_waiters.First is { } first && first.Value.Units <= _available)
            {
                _available -= first.Value.Units;
                _waiters.RemoveFirst();

                // Unregister, not Dispose: Dispose would wait for a running Cancel, which waits for this lock.
                first.Value.Registration.Unregister();
                first.Value.Completion.TrySetResult();
            }
        }
    }

    private sealed class Waiter(int units)
    {
        public int Units { get; } = units;

        // Continuations run outside the lock and outside Release's caller.
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }
    }

    private sealed class Permit(WeightedGate gate, int units) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release(units);
            }
        }
    }
}
