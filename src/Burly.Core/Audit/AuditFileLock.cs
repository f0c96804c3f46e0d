namespace Burly.Audit;

/// <summary>
/// Serialises writers of one audit log across processes (<c>burly tools call</c> next to a running server) with a
/// byte-range lock on <c>audit.jsonl.lock</c>. One acquisition covers a whole batch of records.
/// </summary>
internal sealed class AuditFileLock(string logPath) : IDisposable
{
    // POSIX record locks are per process: writers of the same file inside one process also take this monitor.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, object> InProcess = new(StringComparer.Ordinal);
    private readonly object _inProcess = InProcess.GetOrAdd(Path.GetFullPath(logPath), _ => new object());
    private FileStream? _lockFile;

    /// <summary>Takes the lock, waiting up to about 10 s for another process to release it.</summary>
    public void Enter()
    {
        Monitor.Enter(_inProcess);
        try
        {
            EnterAcrossProcesses();
        }
        catch
        {
            Monitor.Exit(_inProcess);
            throw;
        }
    }

    /// <summary>Releases the lock (never throws).</summary>
    public void Exit()
    {
        try
        {
            ExitAcrossProcesses();
        }
        finally
        {
            Monitor.Exit(_inProcess);
        }
    }

    public void Dispose()
    {
        var file = _lockFile;
        _lockFile = null;
        try
        {
            file?.Dispose();
        }
        catch (IOException)
        {
        }
    }

    private void EnterAcrossProcesses()
    {
        if (OperatingSystem.IsMacOS())
        {
            return; // byte-range locks are not supported there; one writer per host is then the operator's rule
        }

        if (_lockFile is null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
            _lockFile = new FileStream(logPath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                _lockFile.Lock(0, 1);
                return;
            }
            catch (IOException) when (attempt < 2000)
            {
                Thread.Sleep(5);
            }
            catch (PlatformNotSupportedException)
            {
                return;
            }
        }
    }

    private void ExitAcrossProcesses()
    {
        if (OperatingSystem.IsMacOS())
        {
            return;
        }

        try
        {
            _lockFile?.Unlock(0, 1);
        }
        catch (Exception ex) when (ex is IOException or PlatformNotSupportedException or ObjectDisposedException)
        {
        }
    }
}
