namespace Carmen.Testing;

/// <summary>The repository the tests run from: files they read (dashboards, scripts of clients no one here wrote).</summary>
public static class Repository
{
    /// <summary>The directory holding Carmen.sln, above the test's own.</summary>
    public static string Root
    {
        get
        {
            DirectoryInfo? directory = new(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Carmen.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new DirectoryNotFoundException("Carmen.sln is not above the test's directory.");
        }
    }
}
