namespace Ledger.Reliability.Tests.Http;

/// <summary>Where a command sent by <see cref="CrashTests"/> stands: no answer yet, applied, or refused by a rule.</summary>
internal enum SentState
{
    InFlight,
    Applied,
    Refused,
}

/// <summary>A command <see cref="CrashTests"/> sent over HTTP under its own Idempotency-Key, and what became of it.</summary>
/// <param name="Key">Its Idempotency-Key.</param>
/// <param name="Kind">open, deposit, withdrawal or transfer.</param>
/// <param name="Path">The route it is posted to.</param>
/// <param name="Body">The JSON body.</param>
/// <param name="Events">Events the command writes when applied.</param>
/// <param name="Delta">What it adds to the ledger's total when applied.</param>
internal sealed record SentCommand(string Key, string Kind, string Path, object Body, int Events, decimal Delta)
{
    public SentState State { get; set; }

    public string? Answer { get; set; }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Kind} {Key} ({State})");

    /// <summary>Sends with the command's Idempotency-Key; false when no answer came back (the app died).</summary>
    public async Task<bool> SendAsync(HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = JsonContent.Create(Body) };
        request.Headers.Add("Idempotency-Key", Key);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request);
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                State = SentState.Applied;
            }
            else if ((int)response.StatusCode is 422 or 404)
            {
                State = SentState.Refused;
                Answer = text;
            }
            else
            {
                throw new InvalidOperationException($"{this} answered {(int)response.StatusCode}: {text}");
            }
        }

        return true;
    }
}
