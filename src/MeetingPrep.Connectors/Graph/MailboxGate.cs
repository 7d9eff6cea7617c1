using System.Collections.Concurrent;

namespace MeetingPrep.Connectors.Graph;

/// <summary>
/// Outlook allows 4 concurrent requests per app and mailbox. Every Graph call against a mailbox (calendar, mail, batches)
/// goes through this one gate, so the scheduler and the interactive path together never exceed it.
/// </summary>
public sealed class MailboxGate(GraphOptions options)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.OrdinalIgnoreCase);

    public async Task<IDisposable> EnterAsync(string mailbox, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(mailbox, _ => new SemaphoreSlim(options.MaxConcurrencyPerMailbox, options.MaxConcurrencyPerMailbox));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Permit(gate);
    }

    private sealed class Permit(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
