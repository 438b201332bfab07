using Ledger.Infrastructure.Storage.Projections;

namespace Ledger.Infrastructure.Application.Commands;

/// <summary>Rebuilds every read model from the first event without stopping writers; reports progress, events per second and the drift it found.</summary>
public sealed record RebuildProjectionsCommand(IProgress<RebuildProgress>? Progress = null) : ICommand<RebuildResult>;

public sealed class RebuildProjectionsHandler(ProjectionRebuilder rebuilder) : ICommandHandler<RebuildProjectionsCommand, RebuildResult>
{
    public async ValueTask<RebuildResult> Handle(RebuildProjectionsCommand command, CancellationToken cancellationToken) =>
        await rebuilder.RebuildAsync(command.Progress, cancellationToken);
}
