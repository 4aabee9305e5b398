namespace HealthWatch.Cli.Sidecar;

/// <summary>
/// Runs a probe now and then every interval after the previous run ends (runs never overlap), publishing each
/// result. Once disposed it publishes nothing more, not even the cancelled run's result.
/// </summary>
internal sealed class Schedule : IAsyncDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly Task _loop;

    public Schedule(Func<CancellationToken, Task<string>> run, TimeSpan interval, Action<string> publish, TextWriter log) =>
        _loop = Task.Run(() => LoopAsync(run, interval, publish, log));

    public async ValueTask DisposeAsync()
    {
        await _cancel.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _cancel.Dispose();
    }

    private async Task LoopAsync(Func<CancellationToken, Task<string>> run, TimeSpan interval, Action<string> publish, TextWriter log)
    {
        var token = _cancel.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                var result = await run(token).ConfigureAwait(false);
                if (token.IsCancellationRequested)
                {
                    return;
                }

                publish(result);
                await Task.Delay(interval, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // A bug, not a probe failure (those are results): stop this schedule, keep the sidecar.
            log.WriteLine($"sidecar: schedule stopped by an internal error: {e}");
        }
    }
}
