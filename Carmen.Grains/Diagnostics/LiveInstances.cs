using System.Collections.Concurrent;

namespace Carmen.Grains.Diagnostics;

/// <summary>
/// The live instances of a class in this process, for an observable gauge that sums or lists over them: one per silo
/// in production, several where tests host more than one silo in a process. An instance joins when made and leaves
/// when disposed.
/// </summary>
public sealed class LiveInstances<T>
    where T : class
{
    private readonly ConcurrentDictionary<T, bool> _instances = new(ReferenceEqualityComparer.Instance);

    public IEnumerable<T> All => _instances.Keys;

    public void Add(T instance) => _instances[instance] = true;

    public void Remove(T instance) => _instances.TryRemove(instance, out _);
}
