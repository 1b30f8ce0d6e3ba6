using Fulcrum.Errors;

namespace Fulcrum.Reports.Files;

/// <summary>
/// Writes a folder of result files as one unit: the files go to a temporary folder beside the target, which then
/// takes the target's place. A reader sees the old folder or the whole new one; between the two renames the target
/// is briefly absent. A failed write leaves the old folder as it was and no temporary folder behind.
/// </summary>
public static class AtomicDirectory
{
    /// <summary>
    /// Lets <paramref name="writeContents"/> fill a new folder (its path is the argument), then moves it to
    /// <paramref name="path"/>, replacing an existing folder there only when every entry in it passes
    /// <paramref name="isReplaceable"/>, so a folder containing other files is never deleted.
    /// </summary>
    /// <exception cref="InputException">The path is a file, the working folder, a folder with other files, or cannot be written.</exception>
    public static void Replace(string path, Action<string> writeContents, Func<FileSystemInfo, bool> isReplaceable)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(writeContents);
        ArgumentNullException.ThrowIfNull(isReplaceable);

        Check(path, isReplaceable);
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var parent = Path.GetDirectoryName(target)
            ?? throw new InputException($"Cannot write the folder '{path}': it is a file system root. Give a subfolder, such as 'study-report'.");
        var name = Path.GetFileName(target);
        var id = Guid.NewGuid().ToString("N");
        var temporary = Path.Combine(parent, $".{name}.{id}.tmp");
        var previous = Path.Combine(parent, $".{name}.{id}.old");
        try
        {
            Directory.CreateDirectory(temporary);
            writeContents(temporary);
            if (Directory.Exists(target))
            {
                Directory.Move(target, previous);
                try
                {
                    Directory.Move(temporary, target);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    Directory.Move(previous, target);
                    throw;
                }

                TryDelete(previous);
            }
            else
            {
                Directory.Move(temporary, target);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new InputException($"Cannot write the folder '{path}': {ex.Message} Choose a writable folder.", ex);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Throws what <see cref="Replace"/> would throw about <paramref name="path"/> itself (a file, the working folder, a
    /// folder with other entries) without writing anything, so a caller can reject a bad target before long work.
    /// </summary>
    /// <exception cref="InputException">The path cannot be replaced.</exception>
    public static void Check(string path, Func<FileSystemInfo, bool> isReplaceable)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(isReplaceable);
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (File.Exists(target))
        {
            throw new InputException($"Cannot write the folder '{path}': it is a file. Give a folder path, such as 'study-report'.");
        }

        if (string.Equals(target, Path.TrimEndingDirectorySeparator(Environment.CurrentDirectory), StringComparison.Ordinal))
        {
            throw new InputException($"Cannot write into '{path}': it is the working folder, which would be replaced as a whole. Give a subfolder, such as 'study-report'.");
        }

        if (!Directory.Exists(target))
        {
            return;
        }

        var foreign = new DirectoryInfo(target).EnumerateFileSystemInfos().Where(e => !isReplaceable(e)).Select(e => e.Name).Order(StringComparer.Ordinal).Take(3).ToList();
        if (foreign.Count > 0)
        {
            throw new InputException(
                $"Cannot replace the folder '{path}': it contains entries that are not report files ({string.Join(", ", foreign)}). Choose a new or empty folder, or move them out.");
        }
    }

    /// <summary>
    /// Throws a bad-input error naming <paramref name="option"/> when the output folder <paramref name="path"/> is a
    /// file or its parent folder does not exist, before any work; the folder itself may be missing and is created.
    /// </summary>
    public static void RequireParent(string path, string option)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (File.Exists(target))
        {
            throw new InputException($"{option} '{path}': it is a file. Give a folder for the report, such as 'report'.");
        }

        if (Path.GetDirectoryName(target) is { } parent)
        {
            AtomicFile.RequireParent(path, parent, option);
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The original error matters more than a leftover temporary folder.
        }
    }
}
