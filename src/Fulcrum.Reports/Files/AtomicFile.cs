using Fulcrum.Errors;

namespace Fulcrum.Reports.Files;

/// <summary>
/// Writes result files so readers never see half a file: the content goes to a temporary file in the same folder,
/// which then replaces the target in one rename. A failed write leaves the target as it was.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.Write(text);
        });

    /// <summary>Writes through <paramref name="write"/> and moves the result over <paramref name="path"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            throw new InputException($"Cannot write '{path}': the folder '{folder}' does not exist; create it or choose another path.");
        }

        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = File.Create(temporary))
            {
                write(stream);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new InputException($"Cannot write '{path}': {e.Message}", e);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
