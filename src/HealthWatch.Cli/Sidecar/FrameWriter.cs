using System.Globalization;
using System.Text;
using System.Threading.Channels;

namespace HealthWatch.Cli.Sidecar;

/// <summary>
/// Writes frames to the output from any thread: messages queue and one loop writes them whole, in order, so
/// concurrent responses and notifications never interleave.
/// </summary>
internal sealed class FrameWriter
{
    private readonly Channel<byte[]> _queue = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _pump;

    public FrameWriter(Stream output, TextWriter log) => _pump = PumpAsync(output, log);

    /// <summary>Queues one message body (UTF-8 JSON); dropped once <see cref="CompleteAsync"/> has been called.</summary>
    public void Enqueue(byte[] body) => _queue.Writer.TryWrite(body);

    /// <summary>Writes what is queued, then stops.</summary>
    public Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        return _pump;
    }

    private async Task PumpAsync(Stream output, TextWriter log)
    {
        await foreach (var body in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n\r\n"));
                await output.WriteAsync(header).ConfigureAwait(false);
                await output.WriteAsync(body).ConfigureAwait(false);
                await output.FlushAsync().ConfigureAwait(false);
            }
            catch (IOException e)
            {
                // The client is gone; nobody is left to answer, but the read loop must still see the end of its input.
                log.WriteLine($"sidecar: cannot write to the client: {e.Message}");
                _queue.Writer.TryComplete();
            }
        }
    }
}
