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
            throw new InputException($"Cannot write '{path}': it is a folder. Give the path of a file inside it.");
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
    /// Returns the folder <paramref name="path"/> would be written to, or throws a bad-input error naming
    /// <paramref name="option"/> when the path is an existing folder, its parent is a file, or its parent does not
    /// exist. Commands call it before long work, so a bad output path fails at once instead of after the run.
    /// Missing folders are rejected, not created, so a typo in a folder name cannot scatter results.
    /// </summary>
    /// <param name="option">The option or argument that gave the path, e.g. <c>--json</c>.</param>
    /// <param name="exampleName">A file name with the option's own extension, suggested when the path is a folder.</param>
    public static string RequireFolder(string path, string option, string exampleName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
        {
            throw new InputException($"{option} '{path}' is a folder; give a file path, such as '{Path.Combine(path, exampleName)}'.");
        }

        var folder = Path.GetDirectoryName(fullPath)!;
        RequireParent(path, folder, option);
        return folder;
    }

    /// <summary>
    /// Throws a bad-input error naming <paramref name="option"/> unless <paramref name="folder"/>, the folder an
    /// output goes into, exists; a file in its place or on its path is named as the cause.
    /// </summary>
    internal static void RequireParent(string path, string folder, string option)
    {
        if (Directory.Exists(folder))
        {
            return;
        }

        for (var ancestor = folder; ancestor is not null; ancestor = Path.GetDirectoryName(ancestor))
        {
            if (File.Exists(ancestor))
            {
                throw new InputException($"{option} '{path}': '{ancestor}' is a file, not a folder. Choose a path inside an existing folder.");
            }
        }

        throw new InputException($"{option} '{path}': the folder '{folder}' does not exist. Create it first (mkdir -p '{folder}') or choose another path.");
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
