using Ledger.Infrastructure.Storage.Projections;
using Mediator;

namespace Ledger.Infrastructure.Application.Commands;

/// <summary>Rebuilds every read model from the first event; reports progress and events per second.</summary>
public sealed record RebuildProjectionsCommand(IProgress<RebuildProgress>? Progress = null) : ICommand<RebuildResult>;

public sealed class RebuildProjectionsHandler(ProjectionRunner runner) : ICommandHandler<RebuildProjectionsCommand, RebuildResult>
{
    public async ValueTask<RebuildResult> Handle(RebuildProjectionsCommand command, CancellationToken cancellationToken) =>
        await runner.RebuildAsync(command.Progress, cancellationToken);
}
