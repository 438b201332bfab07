using BenchmarkDotNet.Attributes;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using MediatRLib = MediatR;

namespace Ledger.Benchmarks.Dispatch;

/// <summary>
/// M3: what dispatching one request costs, against calling its handler directly. Handlers do almost
/// nothing, so the difference is the mediator itself.
/// </summary>
[MemoryDiagnoser]
public class DispatchBenchmarks
{
    private readonly Ping ping = new(41);
    private readonly PipedPing pipedPing = new(41);
    private readonly MediatRPing mediatRPing = new(41);
    private ServiceProvider services = null!;
    private Generated.Mediator concrete = null!;
    private IMediator mediator = null!;
    private PingHandler handler = null!;
    private MediatRLib.IMediator mediatR = null!;

    [GlobalSetup]
    public void Setup()
    {
        var collection = new ServiceCollection();
        collection.AddMediator(options =>
        {
            // Its own namespace and internal types, so nothing clashes with Ledger.Infrastructure's mediator.
            options.Namespace = "Ledger.Benchmarks.Dispatch.Generated";
            options.GenerateTypesAsInternal = true;
            options.ServiceLifetime = ServiceLifetime.Singleton;
            options.Assemblies = [typeof(Ping)];
            // The same shape as Ledger's command pipeline: metrics, validation, retry.
            options.PipelineBehaviors = [typeof(PassThroughA<,>), typeof(PassThroughB<,>), typeof(PassThroughC<,>)];
        });
        collection.AddSingleton<MediatRLib.IRequestHandler<MediatRPing, int>, MediatRPingHandler>();
        services = collection.BuildServiceProvider();
        concrete = services.GetRequiredService<Generated.Mediator>();
        mediator = services.GetRequiredService<IMediator>();
        handler = services.GetRequiredService<PingHandler>();
        // MediatR 5 resolves handlers and behaviours through a ServiceFactory delegate.
        mediatR = new MediatRLib.Mediator(services.GetService!);
    }

    [GlobalCleanup]
    public void Cleanup() => services.Dispose();

    [Benchmark(Baseline = true, Description = "direct handler call")]
    public ValueTask<int> Direct() => handler.Handle(ping, CancellationToken.None);

    [Benchmark(Description = "Mediator, concrete type")]
    public ValueTask<int> MediatorConcrete() => concrete.Send(ping, CancellationToken.None);

    [Benchmark(Description = "Mediator, IMediator")]
    public ValueTask<int> MediatorInterface() => mediator.Send(ping, CancellationToken.None);

    [Benchmark(Description = "Mediator, concrete type + 3 behaviours")]
    public ValueTask<int> MediatorPipeline() => concrete.Send(pipedPing, CancellationToken.None);

    [Benchmark(Description = "MediatR 5.1.0")]
    public Task<int> MediatR() => mediatR.Send(mediatRPing, CancellationToken.None);
}

public sealed record Ping(int Value) : IRequest<int>;

public sealed class PingHandler : IRequestHandler<Ping, int>
{
    public ValueTask<int> Handle(Ping request, CancellationToken cancellationToken) => new(request.Value + 1);
}

/// <summary>Goes through three pipeline behaviours, as every Ledger command does.</summary>
public sealed record PipedPing(int Value) : IRequest<int>, IPiped;

public interface IPiped;

public sealed class PipedPingHandler : IRequestHandler<PipedPing, int>
{
    public ValueTask<int> Handle(PipedPing request, CancellationToken cancellationToken) => new(request.Value + 1);
}

public sealed class PassThroughA<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IPiped, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        next(message, cancellationToken);
}

public sealed class PassThroughB<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IPiped, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        next(message, cancellationToken);
}

public sealed class PassThroughC<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IPiped, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        next(message, cancellationToken);
}

public sealed record MediatRPing(int Value) : MediatRLib.IRequest<int>;

public sealed class MediatRPingHandler : MediatRLib.IRequestHandler<MediatRPing, int>
{
    public Task<int> Handle(MediatRPing request, CancellationToken cancellationToken) => Task.FromResult(request.Value + 1);
}
