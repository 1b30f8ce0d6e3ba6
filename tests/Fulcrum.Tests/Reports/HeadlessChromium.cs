using System.Diagnostics;

namespace Fulcrum.Tests.Reports;

/// <summary>
/// Runs Debian's headless Chromium on a local file, with a fresh profile and background networking off, and
/// returns its DOM dump or screenshot. Tests that use it fail (rather than skip) when Chromium is missing,
/// because CI installs it (.ci/run).
/// </summary>
internal static class HeadlessChromium
{
    // Generous for a cold start on a busy 2-core machine; a normal run takes about a second.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    /// <summary>Path of the browser: $FULCRUM_CHROMIUM if set, else the first of the usual install paths that exists.</summary>
    public static string FindExecutable()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("FULCRUM_CHROMIUM");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return File.Exists(fromEnvironment)
                ? fromEnvironment
                : throw new InvalidOperationException($"FULCRUM_CHROMIUM is '{fromEnvironment}', which does not exist. Point it at a Chromium binary or unset it.");
        }

        return Candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "Chromium not found (looked for " + string.Join(", ", Candidates) + "). The HTML report tests need it: "
                + "install it with 'apt-get install -y chromium' (as .ci/run does) or set FULCRUM_CHROMIUM to its path.");
    }

    /// <summary>Loads <paramref name="htmlPath"/> and returns the DOM after parsing, as HTML.</summary>
    public static string DumpDom(string htmlPath) => Run(htmlPath, "--dump-dom").Output;

    /// <summary>Loads <paramref name="htmlPath"/> in a window of the given size and returns a PNG screenshot of it.</summary>
    public static byte[] Screenshot(string htmlPath, int width, int height)
    {
        var folder = Directory.CreateTempSubdirectory("fulcrum-shot-");
        try
        {
            var shot = Path.Combine(folder.FullName, "shot.png");
            var result = Run(htmlPath, $"--screenshot={shot}", $"--window-size={width},{height}", "--hide-scrollbars");
            return File.Exists(shot)
                ? File.ReadAllBytes(shot)
                : throw new InvalidOperationException($"Chromium wrote no screenshot (exit code {result.ExitCode}). Its error output:\n{result.Error}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static (int ExitCode, string Output, string Error) Run(string htmlPath, params string[] extraArguments)
    {
        var executable = FindExecutable();
        var profile = Directory.CreateTempSubdirectory("fulcrum-chromium-profile-");
        try
        {
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", $"--user-data-dir={profile.FullName}",
            }.Concat(extraArguments))
            {
                start.ArgumentList.Add(argument);
            }

            start.ArgumentList.Add(new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri);

            using var process = Process.Start(start)
                ?? throw new InvalidOperationException($"Could not start {executable}.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"Chromium did not finish rendering {htmlPath} within {Timeout.TotalSeconds:0} s.");
            }

            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"Chromium exited with code {process.ExitCode} on {htmlPath}. Its error output:\n{error.Result}");
            }

            return (process.ExitCode, output.Result, error.Result);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
