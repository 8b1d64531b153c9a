namespace Carmen.EdgeAgent.State;

/// <summary>Replaces a state file whole: write beside it, flush to the disk, rename over it. A power cut leaves the old or the new file.</summary>
public static class AtomicFile
{
    public static void Replace(string path, ReadOnlySpan<byte> content)
    {
        string temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            file.Write(content);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
