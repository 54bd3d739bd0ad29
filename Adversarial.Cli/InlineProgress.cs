namespace MlNetAdversarial.Cli;

/// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and reorder).</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
