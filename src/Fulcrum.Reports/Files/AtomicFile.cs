using System.Text;
using Fulcrum.Errors;

namespace Fulcrum.Reports.Files;

/// <summary>
/// Writes result files atomically: the content goes to a temporary file in the target folder, which then
/// replaces the target in one rename. A reader sees the old file or the whole new one, never a partial write,
/// and a failed write leaves no temporary file behind.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>, creating its folder if missing.</summary>
    /// <exception cref="InputException">The path is a folder, or the file cannot be written there.</exception>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var buffer = bytes.ToArray();
        Write(path, stream => stream.Write(buffer));
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte order mark.</summary>
    /// <exception cref="InputException">The path is a folder, or the file cannot be written there.</exception>
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, Utf8NoBom.GetBytes(text));

    /// <summary>Lets <paramref name="writeContent"/> fill the temporary file, then moves it over <paramref name="path"/>.</summary>
    /// <exception cref="InputException">The path is a folder, or the file cannot be written there.</exception>
    public static void Write(string path, Action<Stream> writeContent)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(writeContent);

        var fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
        {
            throw new InputException($"Cannot write '{path}': it is a folder. Give a file path, for example '{Path.Combine(path, "report.html")}'.");
        }

        var folder = Path.GetDirectoryName(fullPath)!;
        var tempPath = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(folder);
            using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                writeContent(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(tempPath, fullPath, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(tempPath);
            throw new InputException($"Cannot write '{path}': {ex.Message} Choose a writable file path.", ex);
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
    }

    /// <summary>
    /// Returns the folder <paramref name="path"/> would be written to, or throws a bad-input error when it does not
    /// exist. Commands call it before long work, so a bad output path fails at once instead of after the run.
    /// </summary>
    public static string RequireFolder(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder))
        {
            throw new InputException($"Cannot write '{path}': the folder '{folder}' does not exist. Create it or choose another path.");
        }

        return folder;
    }

    private static void TryDelete(string tempPath)
    {
        try
        {
            File.Delete(tempPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The original error matters more than a leftover temporary file.
        }
    }
}
