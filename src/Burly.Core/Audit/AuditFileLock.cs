namespace Burly.Audit;

/// <summary>
/// Serialises writers of one audit log across processes (<c>burly tools call</c> next to a running server) with a
/// byte-range lock on <c>audit.jsonl.lock</c>. One acquisition covers a whole batch of records.
/// </summary>
internal sealed class AuditFileLock(string logPath) : IDisposable
{
    private FileStream? _lockFile;

    /// <summary>Takes the lock, waiting up to about 10 s for another process to release it.</summary>
    public void Enter()
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

    /// <summary>Releases the lock (never throws).</summary>
    public void Exit()
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
}
